import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Paid courses through the router (issue 11, M06): a coach publishes a course with a free preview and a
// paid lesson; a reader without the purchase sees the paid lesson's title but not its body, nor any
// snippet of it in search; after purchaseCourse (content's saga, paid through finance's local provider
// by its signed webhook) the same reader reads it.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let coach: Person;
let courseId: string;

const PAID_BODY = "Eat kale with zebrafruit every morning.";
const COURSE = `query($id: ID!) { course(id: $id) { id title lessons { title preview body } } }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { item { ... on Course { id highlight { title { text } summary { text } lessons { text } } } } } } }`;
const BUY = `mutation($courseId: ID!, $key: String!) { purchaseCourse(courseId: $courseId, idempotencyKey: $key) { id status } }`;

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};

beforeAll(async () => {
  platform = await startPlatform({ content: true });
  request = graphqlClient(platform.url);
  coach = await signUpCoach(platform, request, "Teacher");
  const { createCourse } = await ok<{ createCourse: { id: string } }>(
    "mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }",
    {
      input: { title: "如何控制高血压", summary: "Blood-pressure basics for every day.", priceAmount: 9_900 },
    },
    coach.token,
  );
  courseId = createCourse.id;
  for (const lesson of [
    { title: "Welcome", body: "A free look at the course.", position: 1, preview: true },
    { title: "The secret diet", body: PAID_BODY, position: 2 },
  ]) {
    const { addLesson } = await ok<{ addLesson: { id: string } }>(
      "mutation($courseId: ID!, $input: AddLessonInput!) { addLesson(courseId: $courseId, input: $input) { id } }",
      { courseId, input: lesson },
      coach.token,
    );
    await ok("mutation($id: ID!) { publishLesson(id: $id) { id } }", { id: addLesson.id }, coach.token);
  }
  await ok("mutation($id: ID!) { publishCourse(id: $id) { id } }", { id: courseId }, coach.token);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

describe("paid courses through the router", () => {
  it("shows a paid lesson's body only after its reader bought the course, and never in a snippet", async () => {
    const reader = await signUp(request, "Reader");
    const before = await request<{ course: { lessons: Array<{ title: string; body: string | null }> } }>(
      COURSE,
      { id: courseId },
      reader.token,
    );
    expect(before.data?.course.lessons).toEqual([
      { title: "Welcome", preview: true, body: "A free look at the course." },
      { title: "The secret diet", preview: false, body: null },
    ]);
    expect(before.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    for (const query of ["zebrafruit", "高血压", "blood pressure"]) {
      const found = await ok<{ search: { nodes: unknown[] } }>(SEARCH, { q: query }, reader.token);
      expect(JSON.stringify(found)).not.toContain("zebrafruit");
      if (query !== "zebrafruit") expect(found.search.nodes).toHaveLength(1);
    }

    const { purchaseCourse } = await ok<{ purchaseCourse: { id: string; status: string } }>(
      BUY,
      { courseId, key: randomUUID() },
      reader.token,
    );
    // PENDING as written; the answer is read after the commit, so a fast finance may have made it PAID.
    expect(["PENDING", "PAID"]).toContain(purchaseCourse.status);
    const after = await eventually(
      () =>
        request<{ course: { lessons: Array<{ body: string | null }> } }>(
          COURSE,
          { id: courseId },
          reader.token,
        ),
      (answer) => answer.data?.course.lessons[1]?.body === PAID_BODY,
      15_000,
    );
    expect(after.errors).toBeUndefined();
    expect(after.data?.course.lessons[1]?.body).toBe(PAID_BODY);
    const payment = await platform.financeDb!.payment.findUniqueOrThrow({ where: { id: purchaseCourse.id } });
    expect(payment).toMatchObject({
      status: "CAPTURED",
      capturedAmount: 9_900,
      reference: `course_purchase:${purchaseCourse.id}`,
    });
  }, 60_000);
});
