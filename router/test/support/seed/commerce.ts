import { randomUUID } from "node:crypto";
import { completedOrder, openOrderAtLevel } from "../completedOrders.ts";
import type { Person } from "../people.ts";
import { ok, type Request, readUntil, record, type Seed } from "./seeding.ts";

// What the person buys and pays for: trade's orders, ec's shop order, content's course (with their post,
// like and comment), and the payments finance took for them.

/** trade: an order the coach grabbed, served and the person confirmed, and one still OPEN. */
export async function seedTrade(seed: Seed) {
  const done = await completedOrder(seed.request, seed.person, seed.coach, seed.region);
  const open = await openOrderAtLevel(seed.request, seed.person, seed.region, 1);
  seed.completedOrderId = done;
  record(seed, "trade", "ordersAsCustomer", done, open);
}

/** ec: an admin stocks a product; the person buys it and finance takes the payment. */
export async function seedEc(seed: Seed) {
  const { request, person, admin } = seed;
  const { createProductCategory } = await ok<{ createProductCategory: { id: string } }>(
    request,
    "mutation($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { id } }",
    { input: { name: `Scales ${randomUUID()}` } },
    admin.token,
  );
  const { createProduct } = await ok<{ createProduct: { skus: Array<{ id: string }> } }>(
    request,
    "mutation($input: CreateProductInput!) { createProduct(input: $input) { skus { id } } }",
    {
      input: {
        name: "Body composition scale",
        description: "Weight, fat and muscle.",
        categoryId: createProductCategory.id,
        skus: [{ code: `SCALE-${randomUUID()}`, priceAmount: 12_900, stock: 5 }],
      },
    },
    admin.token,
  );
  const { placeShopOrder } = await ok<{ placeShopOrder: { id: string } }>(
    request,
    "mutation($input: PlaceShopOrderInput!) { placeShopOrder(input: $input) { id } }",
    { input: { items: [{ skuId: createProduct.skus[0]!.id, quantity: 1 }], idempotencyKey: randomUUID() } },
    person.token,
  );
  await readUntil<{ shopOrder: { status: string } }>(
    request,
    "the shop order's payment",
    "query($id: ID!) { shopOrder(id: $id) { status } }",
    { id: placeShopOrder.id },
    person.token,
    (answer) => answer.shopOrder.status === "PAID",
  );
  record(seed, "ec", "shopOrders", placeShopOrder.id);
}

/** content: the person's post, their like and comment on the coach's post, and a course they bought. */
export async function seedContent(seed: Seed) {
  const { request, person, coach, texts } = seed;
  const post = (input: Record<string, unknown>, token: string) =>
    ok<{ createPost: { id: string } }>(
      request,
      "mutation($input: CreatePostInput!) { createPost(input: $input) { id } }",
      { input },
      token,
    );
  const own = await post({ title: texts.postTitle, body: texts.postBody, tags: ["running"] }, person.token);
  const coachs = await post({ title: "Five stretches", body: "Hold each for thirty seconds." }, coach.token);
  await ok(
    request,
    "mutation($id: ID!) { likePost(id: $id) { id } }",
    { id: coachs.createPost.id },
    person.token,
  );
  const { addComment } = await ok<{ addComment: { id: string } }>(
    request,
    "mutation($id: ID!, $body: String!) { addComment(postId: $id, body: $body) { id } }",
    { id: coachs.createPost.id, body: texts.comment },
    person.token,
  );
  const courseId = await publishedCourse(request, coach);
  const { purchaseCourse } = await ok<{ purchaseCourse: { id: string } }>(
    request,
    "mutation($id: ID!, $key: String!) { purchaseCourse(courseId: $id, idempotencyKey: $key) { id } }",
    { id: courseId, key: randomUUID() },
    person.token,
  );
  await readUntil<{ coursePurchase: { status: string } }>(
    request,
    "the course purchase's payment",
    "query($id: ID!) { coursePurchase(id: $id) { status } }",
    { id: purchaseCourse.id },
    person.token,
    (answer) => answer.coursePurchase.status === "PAID",
  );
  Object.assign(seed.person.places, { coachPostId: coachs.createPost.id, courseId });
  record(seed, "content", "posts", own.createPost.id);
  record(seed, "content", "likedPosts", coachs.createPost.id);
  record(seed, "content", "comments", addComment.id);
  record(seed, "content", "coursePurchases", purchaseCourse.id);
}

/** A paid course of the coach's with one published lesson: its id. */
export async function publishedCourse(request: Request, coach: Person): Promise<string> {
  const { createCourse } = await ok<{ createCourse: { id: string } }>(
    request,
    "mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }",
    { input: { title: "Everyday mobility", summary: "Ten minutes a day.", priceAmount: 4_900 } },
    coach.token,
  );
  const { addLesson } = await ok<{ addLesson: { id: string } }>(
    request,
    "mutation($id: ID!, $input: AddLessonInput!) { addLesson(courseId: $id, input: $input) { id } }",
    { id: createCourse.id, input: { title: "Hips", body: "Circles, then lunges.", position: 1 } },
    coach.token,
  );
  await ok(
    request,
    "mutation($id: ID!) { publishLesson(id: $id) { id } }",
    { id: addLesson.id },
    coach.token,
  );
  await ok(
    request,
    "mutation($id: ID!) { publishCourse(id: $id) { id } }",
    { id: createCourse.id },
    coach.token,
  );
  return createCourse.id;
}

/**
 * finance: every payment the person made (the orders, the shop order, the course), and every entry of
 * their points ledger (the admin's credit seedBiz made, the gift it paid for, points earned meanwhile).
 */
export async function seedFinance(seed: Seed) {
  const { request, person } = seed;
  type Payments = { payments: { nodes: Array<{ id: string; status: string }> } };
  // Each of the four payments shows once its saga is done: the service orders', the shop's, the course's.
  const page = await readUntil<Payments>(
    request,
    "the person's four payments",
    "query($id: ID) { payments(payerId: $id, first: 50) { nodes { id status } } }",
    { id: person.id },
    person.token,
    (answer) => answer.payments.nodes.length >= 4,
  );
  record(seed, "finance", "payments", ...page.payments.nodes.map((payment) => payment.id));
  const { pointsHistory } = await ok<{ pointsHistory: { nodes: Array<{ id: string }> } }>(
    request,
    "query($id: ID) { pointsHistory(userId: $id, first: 50) { nodes { id } } }",
    { id: person.id },
    person.token,
  );
  const known = seed.person.items.finance.pointsEntries ?? [];
  const entries = pointsHistory.nodes.map((entry) => entry.id).filter((id) => !known.includes(id));
  record(seed, "finance", "pointsEntries", ...entries);
}
