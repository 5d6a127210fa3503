import { randomUUID } from "node:crypto";
import { expireOverdueSagas } from "@health/platform/saga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";

// Courses through the subgraph's GraphQL: a coach writes and publishes; a paid lesson's body is FORBIDDEN
// to a caller who did not buy it (in `course`, in search, in an entity reference); a purchase is paid by
// the saga (finance's answer published on this file's streams) and unlocks it.

let h: ContentHarness;
type Person = Awaited<ReturnType<ContentHarness["person"]>>;
let coach: Person;
let buyer: Person;
let courseId: string;
let paidLessonId: string;

const ok = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const result = await h.request<T>(query, variables, token);
  if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

const CREATE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { id status priceAmount tags } }`;
const ADD = `mutation($courseId: ID!, $input: AddLessonInput!) { addLesson(courseId: $courseId, input: $input) { id } }`;
const PUBLISH_LESSON = `mutation($id: ID!) { publishLesson(id: $id) { id status } }`;
const PUBLISH = `mutation($id: ID!) { publishCourse(id: $id) { id status } }`;
const COURSE = `query($id: ID!) { course(id: $id) { id title lessons { id title preview body } } }`;
const BUY = `mutation($courseId: ID!, $key: String!) { purchaseCourse(courseId: $courseId, idempotencyKey: $key) { id status amount } }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { score item { __typename ... on Course { id title highlight { title { text } summary { text } lessons { text } } } } } } }`;

async function publishedCourse(
  owner: Person,
  input: Record<string, unknown>,
  lessons: Record<string, unknown>[],
) {
  const { createCourse } = await ok<{ createCourse: { id: string } }>(CREATE, { input }, owner.token);
  const ids: string[] = [];
  for (const lesson of lessons) {
    const { addLesson } = await ok<{ addLesson: { id: string } }>(
      ADD,
      { courseId: createCourse.id, input: lesson },
      owner.token,
    );
    await ok(PUBLISH_LESSON, { id: addLesson.id }, owner.token);
    ids.push(addLesson.id);
  }
  await ok(PUBLISH, { id: createCourse.id }, owner.token);
  return { id: createCourse.id, lessons: ids };
}

beforeAll(async () => {
  h = await startContentSubgraph();
  coach = await h.person(["user", "coach"]);
  buyer = await h.person(["user"]);
  const course = await publishedCourse(
    coach,
    {
      title: "如何控制高血压",
      summary: "Blood-pressure basics for every day.",
      priceAmount: 9_900,
      tags: ["Heart"],
    },
    [
      { title: "Welcome", body: "A free look at the course.", position: 1, preview: true },
      { title: "The secret diet", body: "Eat kale with zebrafruit every morning.", position: 2 },
    ],
  );
  courseId = course.id;
  paidLessonId = course.lessons[1] as string;
});
afterAll(() => h?.close());

describe("courses and lessons", () => {
  it("checks input, naming the field, and lets only coaches create", async () => {
    const bad = await h.request(CREATE, { input: { title: " ", summary: "s", priceAmount: 1 } }, coach.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    const price = await h.request(
      CREATE,
      { input: { title: "t", summary: "s", priceAmount: -1 } },
      coach.token,
    );
    expect(price.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.priceAmount",
    });
    const notCoach = await h.request(
      CREATE,
      { input: { title: "t", summary: "s", priceAmount: 1 } },
      buyer.token,
    );
    expect(notCoach.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("lets only the author (or an admin) edit", async () => {
    const other = await h.person(["user", "coach"]);
    const edit = await h.request(
      `mutation($id: ID!) { updateCourse(id: $id, input: { title: "Mine now" }) { id } }`,
      { id: courseId },
      other.token,
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("writes content_published for the course and each lesson", async () => {
    const rows = await h.db.outboxEvent.findMany({ where: { subject: "content.content_published.v1" } });
    const kinds = rows.map(
      (row) => (row.envelope as { payload: { kind: string; contentId: string } }).payload,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        {
          kind: "COURSE",
          contentId: courseId,
          authorId: coach.id,
          title: "如何控制高血压",
          publishedAt: expect.any(String),
        },
        expect.objectContaining({ kind: "LESSON", contentId: paidLessonId }),
      ]),
    );
  });

  it("lists published courses by tag, and a draft for its author only", async () => {
    const { createCourse } = await ok<{ createCourse: { id: string } }>(
      CREATE,
      { input: { title: "Draft", summary: "s", priceAmount: 0, tags: ["heart"] } },
      coach.token,
    );
    const list = await ok<{ courses: { nodes: { id: string }[] } }>(
      `query { courses(tag: "HEART") { nodes { id } } }`,
      {},
    );
    expect(list.courses.nodes.map((c) => c.id)).toEqual([courseId]);
    expect(
      (await h.request(COURSE, { id: createCourse.id }, buyer.token)).errors?.[0]?.extensions?.code,
    ).toBe("NOT_FOUND");
    const mine = await ok<{ myCourses: { nodes: { id: string }[] } }>(
      `query { myCourses { nodes { id } } }`,
      {},
      coach.token,
    );
    expect(mine.myCourses.nodes.map((c) => c.id)).toEqual([createCourse.id, courseId]);
  });
});

describe("a paid lesson's body", () => {
  it("is FORBIDDEN to a caller without the course, while its title and preview flag show", async () => {
    const result = await h.request<{
      course: { lessons: { title: string; preview: boolean; body: string | null }[] };
    }>(COURSE, { id: courseId }, buyer.token);
    expect(result.data?.course.lessons).toEqual([
      { id: expect.any(String), title: "Welcome", preview: true, body: "A free look at the course." },
      { id: paidLessonId, title: "The secret diet", preview: false, body: null },
    ]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ["course", "lessons", 1, "body"],
        extensions: expect.objectContaining({ code: "FORBIDDEN" }),
      }),
    ]);
    const anonymous = await h.request(COURSE, { id: courseId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("is in no entity reference and no search snippet", async () => {
    const entities = await h.request<{ _entities: { lessons: { body: string | null }[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { lessons { body } } } }`,
      { r: [{ __typename: "Course", id: courseId }] },
      buyer.token,
    );
    expect(entities.data?._entities[0]?.lessons[1]?.body).toBeNull();
    expect(entities.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const found = await ok<{ search: { nodes: unknown[] } }>(SEARCH, { q: "zebrafruit" }, buyer.token);
    expect(found.search.nodes).toEqual([]);
  });

  it("is for its author", async () => {
    const result = await ok<{ course: { lessons: { body: string }[] } }>(
      COURSE,
      { id: courseId },
      coach.token,
    );
    expect(result.course.lessons[1]?.body).toBe("Eat kale with zebrafruit every morning.");
  });
});

describe("search", () => {
  it("finds Chinese and English, ranked, with highlights of titles, summaries and preview lessons", async () => {
    const zh = await ok<{
      search: { nodes: { item: { id: string; highlight: { title: { text: string } } } }[] };
    }>(SEARCH, { q: "高血压" });
    expect(zh.search.nodes.map((n) => n.item.id)).toEqual([courseId]);
    expect(zh.search.nodes[0]?.item.highlight.title.text).toBe("如何控制高血压");
    const en = await ok<{
      search: { nodes: { item: { __typename: string; highlight: { summary: { text: string } } } }[] };
    }>(SEARCH, { q: "blood pressure" });
    expect(en.search.nodes[0]?.item).toMatchObject({
      __typename: "Course",
      highlight: { summary: { text: "Blood-pressure basics for every day." } },
    });
    const preview = await ok<{ search: { nodes: { item: { highlight: { lessons: { text: string } } } }[] } }>(
      SEARCH,
      { q: "free look" },
    );
    expect(preview.search.nodes[0]?.item.highlight.lessons.text).toContain("A free look at the course.");
    const blank = await h.request(SEARCH, { q: "  " });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query" });
  });
});

describe("purchaseCourse", () => {
  it("is paid through finance: PENDING, then PAID on payment_success, and the body unlocks", async () => {
    const key = randomUUID();
    const { purchaseCourse } = await ok<{ purchaseCourse: { id: string; status: string; amount: number } }>(
      BUY,
      { courseId, key },
      buyer.token,
    );
    expect(purchaseCourse).toMatchObject({ status: "PENDING", amount: 9_900 });
    const retry = await ok<{ purchaseCourse: { id: string } }>(BUY, { courseId, key }, buyer.token);
    expect(retry.purchaseCourse.id).toBe(purchaseCourse.id);
    const requests = await h.db.outboxEvent.findMany({
      where: { subject: "content.course_payment_requested.v1" },
    });
    expect(requests.map((row) => (row.envelope as { payload: unknown }).payload)).toEqual([
      expect.objectContaining({
        requestId: purchaseCourse.id,
        courseId,
        buyerId: buyer.id,
        amount: 9_900,
        currency: "CNY",
      }),
    ]);
    const again = await h.request(BUY, { courseId, key: randomUUID() }, buyer.token);
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");

    await h.answerPayment(purchaseCourse.id);
    expect(await h.settledStatus(purchaseCourse.id)).toBe("PAID");
    const sold = await h.db.outboxEvent.findMany({
      where: { aggregateId: purchaseCourse.id, subject: "content.course_purchased.v1" },
    });
    expect(sold.map((row) => (row.envelope as { payload: unknown }).payload)).toEqual([
      expect.objectContaining({ courseId, authorId: coach.id, buyerId: buyer.id, amount: 9_900 }),
    ]);
    const read = await ok<{ course: { lessons: { body: string }[] } }>(COURSE, { id: courseId }, buyer.token);
    expect(read.course.lessons[1]?.body).toBe("Eat kale with zebrafruit every morning.");
    const owned = await h.request(BUY, { courseId, key: randomUUID() }, buyer.token);
    expect(owned.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("fails on payment_failed, and the buyer may try again", async () => {
    const other = await h.person(["user"]);
    const first = await ok<{ purchaseCourse: { id: string } }>(
      BUY,
      { courseId, key: randomUUID() },
      other.token,
    );
    await h.answerPayment(first.purchaseCourse.id, { declined: "card_declined" });
    expect(await h.settledStatus(first.purchaseCourse.id)).toBe("FAILED");
    const body = await h.request(COURSE, { id: courseId }, other.token);
    expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const second = await ok<{ purchaseCourse: { status: string } }>(
      BUY,
      { courseId, key: randomUUID() },
      other.token,
    );
    expect(second.purchaseCourse.status).toBe("PENDING");
  });

  it("fails a purchase whose payment is not answered in time, and tells finance to release it", async () => {
    const slow = await h.person(["user"]);
    const { purchaseCourse } = await ok<{ purchaseCourse: { id: string } }>(
      BUY,
      { courseId, key: randomUUID() },
      slow.token,
    );
    const started = await h.db.coursePurchase.findUniqueOrThrow({ where: { id: purchaseCourse.id } });
    const timeoutMs = h.config.COURSE_PAYMENT_TIMEOUT_SECONDS * 1000;
    await expireOverdueSagas(h.deps.coursePurchase, h.db, new Date(started.createdAt.getTime() + timeoutMs));
    expect(await h.settledStatus(purchaseCourse.id)).toBe("FAILED");
    const cancelled = await h.db.outboxEvent.findFirst({
      where: { aggregateId: purchaseCourse.id, subject: "content.course_purchase_cancelled.v1" },
    });
    expect((cancelled?.envelope as { payload: unknown } | undefined)?.payload).toMatchObject({
      purchaseId: purchaseCourse.id,
      buyerId: slow.id,
      reason: "take_payment timed out",
    });
    // A late capture does not grant it: the purchase stays FAILED (finance refunds on the cancellation).
    const lateCapture = await h.answerPayment(purchaseCourse.id);
    await h.eventually(
      () => h.db.inboxEvent.count({ where: { eventId: lateCapture } }),
      (count) => count === 1,
    );
    expect((await h.db.coursePurchase.findUniqueOrThrow({ where: { id: purchaseCourse.id } })).status).toBe(
      "FAILED",
    );
  });

  it("grants a free course at once, and refuses the author's own course", async () => {
    const free = await publishedCourse(coach, { title: "Free", summary: "s", priceAmount: 0 }, [
      { title: "Paid-looking", body: "Still free to owners.", position: 1 },
    ]);
    const got = await ok<{ purchaseCourse: { status: string; amount: number } }>(
      BUY,
      { courseId: free.id, key: randomUUID() },
      buyer.token,
    );
    expect(got.purchaseCourse).toMatchObject({ status: "PAID", amount: 0 });
    const sold = await h.db.outboxEvent.findFirst({
      where: {
        subject: "content.course_purchased.v1",
        envelope: { path: ["payload", "courseId"], equals: free.id },
      },
    });
    expect((sold?.envelope as { payload: unknown } | undefined)?.payload).toMatchObject({
      authorId: coach.id,
      buyerId: buyer.id,
      amount: 0,
    });
    const own = await h.request(BUY, { courseId: free.id, key: randomUUID() }, coach.token);
    expect(own.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });
});
