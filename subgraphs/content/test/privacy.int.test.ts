import { randomUUID } from "node:crypto";
import { bountyHeldV1, paymentSuccessV1 } from "@health/events/catalog";
import { domainRows, findTraces, policyGaps } from "@health/platform/privacy";
import {
  deliverEvent,
  eraseThroughSubgraph,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_TABLES } from "../src/privacy/policy.ts";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";
import { CREATE_POST, okWith, type Person } from "./support.ts";

// content's part of data-subject rights: auth's requests arrive on this file's streams, content's
// `content-privacy` consumer answers them. The person (a coach and an admin too) is seeded through
// content's GraphQL with one item of every kind; two others post, answer, buy and like around them.

let h: ContentHarness;
let target: PrivacyTestTarget;
const ok = okWith(() => h);

const COMMENT = `mutation($postId: ID!, $body: String!) { addComment(postId: $postId, body: $body) { id } }`;
const LIKE = `mutation($id: ID!) { likePost(id: $id) { likeCount } }`;
const REPORT = `mutation($id: ID!, $r: String!) { reportPost(postId: $id, reason: $r) }`;
const ASK = `mutation($input: AskQuestionInput!, $key: String) { askQuestion(input: $input, idempotencyKey: $key) { id } }`;
const ANSWER = `mutation($q: ID!, $body: String!) { answerQuestion(questionId: $q, body: $body) { id } }`;
const ACCEPT = `mutation($a: ID!) { acceptAnswer(answerId: $a) { id } }`;
const VOTE = `mutation($a: ID!, $v: VoteDirection!) { voteAnswer(answerId: $a, vote: $v) { score } }`;
const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }`;
const ADD_LESSON = `mutation($courseId: ID!, $input: AddLessonInput!) { addLesson(courseId: $courseId, input: $input) { id } }`;
const PUBLISH_LESSON = `mutation($id: ID!) { publishLesson(id: $id) { id } }`;
const PUBLISH_COURSE = `mutation($id: ID!) { publishCourse(id: $id) { id } }`;
const BUY = `mutation($courseId: ID!, $key: String!) { purchaseCourse(courseId: $courseId, idempotencyKey: $key) { id } }`;
const COURSES = `query { courses(first: 100) { nodes { id } } }`;
const ADD_WORD = `mutation($w: String!) { addModerationWord(word: $w) { word } }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { item { __typename ... on Post { id } ... on Question { id } ... on Course { id } } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Post { id } ... on Question { id } ... on Course { id author { id } lessons { body } } } }`;

// A word no one else writes: search for it must find the person's content, then nothing.
const UNIQUE = `zorblaxquint${randomUUID().replaceAll(/[^a-f]/g, "")}`;

const found = async (q: string) =>
  (await ok<{ search: { nodes: { item: { id: string } }[] } }>(SEARCH, { q })).search.nodes
    .map((node) => node.item.id)
    .sort();

const listed = async () =>
  (await ok<{ courses: { nodes: { id: string }[] } }>(COURSES, {})).courses.nodes.map((node) => node.id);

const idOf = async (query: string, variables: Record<string, unknown>, who: Person) =>
  Object.values(await ok<Record<string, { id: string }>>(query, variables, who.token))[0]!.id;

/** A published course of `coach` with one paid lesson: its id. */
async function course(coach: Person, title: string, publish = true) {
  const id = await idOf(
    CREATE_COURSE,
    { input: { title, summary: "Everyday heart care.", priceAmount: 9_900 } },
    coach,
  );
  const lesson = await idOf(
    ADD_LESSON,
    { courseId: id, input: { title: "Lesson one", body: "Walk daily.", position: 1 } },
    coach,
  );
  if (publish) {
    await ok(PUBLISH_LESSON, { id: lesson }, coach.token);
    await ok(PUBLISH_COURSE, { id }, coach.token);
  }
  return id;
}

/** `buyer`'s PAID purchase of `courseId`: its id. */
async function bought(buyer: Person, courseId: string) {
  const id = await idOf(BUY, { courseId, key: randomUUID() }, buyer);
  await h.answerPayment(id);
  expect(await h.settledStatus(id)).toBe("PAID");
  return id;
}

/** A question by `asker`, its bounty held by finance when it has one: its id. */
async function asked(asker: Person, title: string, body: string, bountyPoints?: number) {
  const id = await idOf(ASK, { input: { title, body, bountyPoints }, key: randomUUID() }, asker);
  if (bountyPoints) {
    await h.answerBountyHold(id);
    expect((await h.settledQuestion(id)).status).toBe("OPEN");
  }
  return id;
}

let person: Person;
let other: Person;
let third: Person;
const s = {} as Record<
  | "post"
  | "heldPost"
  | "comment"
  | "othersPost"
  | "othersComment"
  | "question"
  | "bountyQuestion"
  | "othersQuestion"
  | "answer"
  | "thirdsAnswer"
  | "othersAnswer"
  | "soldCourse"
  | "draftCourse"
  | "othersCourse"
  | "purchase"
  | "sale",
  string
>;

beforeAll(async () => {
  h = await startContentSubgraph();
  target = { subgraph: "content", db: h.db, nats: h.deps.nats, bus: h.bus, publish: h.publish };
  person = await h.person(["user", "coach", "admin"]);
  other = await h.person(["user", "coach"]);
  third = await h.person(["user"]);

  // A word they added to the list as an admin, and their post it holds for review (a moderation case).
  const word = `spamword${UNIQUE.slice(-6)}`;
  await ok(ADD_WORD, { w: word }, person.token);
  s.heldPost = await idOf(CREATE_POST, { input: { title: "Cheap pills", body: `Buy ${word} now.` } }, person);

  // Community: their post (liked and commented on by another), their like, comment and report elsewhere.
  s.post = await idOf(
    CREATE_POST,
    { input: { title: `My ${UNIQUE} diary`, body: "Ten thousand steps." } },
    person,
  );
  s.othersPost = await idOf(
    CREATE_POST,
    { input: { title: "Morning walks", body: "Before breakfast." } },
    other,
  );
  s.comment = await idOf(COMMENT, { postId: s.othersPost, body: `Same here, ${UNIQUE}.` }, person);
  s.othersComment = await idOf(COMMENT, { postId: s.post, body: "Well done!" }, other);
  await ok(LIKE, { id: s.othersPost }, person.token);
  await ok(LIKE, { id: s.othersPost }, third.token);
  await ok(LIKE, { id: s.post }, other.token);
  await ok(REPORT, { id: s.othersPost, r: "off topic" }, person.token);

  // Questions: one plain and one with a held bounty of theirs; their accepted answer (a bounty won) and
  // their vote on someone else's answer to another's question.
  s.question = await asked(person, `Is ${UNIQUE} safe?`, "Asking for a friend.");
  s.othersAnswer = await idOf(ANSWER, { q: s.question, body: "Yes, in moderation." }, other);
  s.bountyQuestion = await asked(person, "Best shoes for running?", `Budget ${UNIQUE} friendly.`, 10);
  s.othersQuestion = await asked(other, "How to lower blood pressure?", "Without pills.", 5);
  s.answer = await idOf(ANSWER, { q: s.othersQuestion, body: `Try ${UNIQUE} breathing.` }, person);
  s.thirdsAnswer = await idOf(ANSWER, { q: s.othersQuestion, body: "Less salt." }, third);
  await ok(ACCEPT, { a: s.answer }, other.token);
  await ok(VOTE, { a: s.thirdsAnswer, v: "UP" }, person.token);

  // Courses: theirs that another bought, their draft nobody bought, and another's they bought.
  s.soldCourse = await course(person, "Heart care basics");
  s.draftCourse = await course(person, "Heart care, part two", false);
  s.othersCourse = await course(other, "Sleep better");
  s.sale = await bought(other, s.soldCourse);
  s.purchase = await bought(person, s.othersCourse);
});
afterAll(() => h?.close());

describe("content's data-subject rights", () => {
  it("names every table of its database in its policy, and no other", async () => {
    expect(await policyGaps(h.db, CONTENT_TABLES)).toEqual({ unnamed: [], absent: [] });
  });

  it("exports everything they wrote, gave, bought and sold, and nobody else's", async () => {
    const { part, answer } = await exportThroughSubgraph(target, person.id);
    const ids = (section: string, key = "id") =>
      (part.sections[section] as Array<Record<string, unknown>>).map((item) => item[key]).sort();

    expect(ids("posts")).toEqual([s.post, s.heldPost].sort());
    expect(ids("comments")).toEqual([s.comment]);
    expect(ids("likesGiven", "postId")).toEqual([s.othersPost]);
    expect(ids("reportsFiled", "postId")).toEqual([s.othersPost]);
    expect(ids("questions")).toEqual([s.question, s.bountyQuestion].sort());
    expect(ids("answers")).toEqual([s.answer]);
    expect(ids("votesGiven", "answerId")).toEqual([s.thirdsAnswer]);
    expect(ids("courses")).toEqual([s.soldCourse, s.draftCourse].sort());
    expect(ids("coursePurchases")).toEqual([s.purchase]);
    expect(ids("courseSales")).toEqual([s.sale]);
    expect(part.sections.bounties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: "offered",
          questionId: s.bountyQuestion,
          points: 10,
          status: "HELD",
        }),
        expect.objectContaining({ role: "won", questionId: s.othersQuestion, answerId: s.answer, points: 5 }),
      ]),
    );
    expect(part.sections.moderationWordsAdded).toHaveLength(1);
    // Another's items appear only as the ids the person's own rows point at, never their content.
    const text = JSON.stringify(part.sections);
    for (const id of [s.othersComment, s.othersAnswer]) expect(text).not.toContain(id);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain("Less salt.");
    expect(answer.sections).toEqual(
      Object.fromEntries(Object.entries(part.sections).map(([name, items]) => [name, items.length])),
    );
    expect(answer.sections).toMatchObject({ posts: 2, questions: 2, courses: 2, bounties: 2 });
  });

  it("erases them: their content out of search and counts, sales kept under the tombstone", async () => {
    expect(await found(UNIQUE)).toEqual([s.post, s.question, s.bountyQuestion, s.othersQuestion].sort());
    expect(await found("basics")).toEqual([s.soldCourse]);
    expect(await listed()).toContain(s.soldCourse);
    expect(await h.db.moderationCase.findMany({ where: { targetId: s.heldPost } })).toHaveLength(1);
    const othersPostBefore = await h.db.post.findUniqueOrThrow({ where: { id: s.othersPost } });
    expect(othersPostBefore).toMatchObject({ likeCount: 2, openReports: 1 });
    expect(await h.db.answer.findUniqueOrThrow({ where: { id: s.thirdsAnswer } })).toMatchObject({
      score: 1,
    });

    const { tombstoneId, tables } = await eraseThroughSubgraph(target, person.id);

    expect(tables).toEqual(
      expect.arrayContaining([
        { table: "posts", action: "DELETED", rows: 2 },
        { table: "comments", action: "DELETED", rows: 2 },
        { table: "post_likes", action: "DELETED", rows: 2 },
        { table: "post_reports", action: "DELETED", rows: 1 },
        { table: "questions", action: "DELETED", rows: 2 },
        { table: "answers", action: "DELETED", rows: 2 },
        { table: "answer_votes", action: "DELETED", rows: 1 },
        { table: "lessons", action: "DELETED", rows: 1 },
        { table: "courses", action: "DELETED", rows: 1 },
        { table: "courses", action: "TOMBSTONED", rows: 1 },
        { table: "course_purchases", action: "TOMBSTONED", rows: 1 },
        { table: "moderation_words", action: "TOMBSTONED", rows: 1 },
        { table: "moderation_cases", action: "DELETED", rows: 1 },
      ]),
    );

    // Search, through content's GraphQL, finds nothing of theirs: not their post or questions, nor their
    // answer in the text of the question they answered.
    expect(await found(UNIQUE)).toEqual([]);
    expect(await findTraces(h.db, [person.id, UNIQUE])).toEqual([]);

    // Counts and the others' question are corrected.
    expect(await h.db.post.findUniqueOrThrow({ where: { id: s.othersPost } })).toMatchObject({
      likeCount: 1,
      openReports: 0,
    });
    expect(await h.db.answer.findUniqueOrThrow({ where: { id: s.thirdsAnswer } })).toMatchObject({
      score: 0,
    });
    const othersQuestion = await h.db.question.findUniqueOrThrow({
      where: { id: s.othersQuestion },
      include: { answers: true },
    });
    expect(othersQuestion.acceptedAnswerId).toBeNull();
    expect(othersQuestion.answers.map((a) => a.id)).toEqual([s.thirdsAnswer]);
    expect(await found("salt")).toContain(s.othersQuestion);

    // The held bounty went back by the bounty's own rules: finance is asked to return it (to the tombstone).
    const returns = await h.db.outboxEvent.findMany({
      where: { subject: "content.bounty_return_requested.v1", aggregateId: s.bountyQuestion },
    });
    expect(returns.map((row) => (row.envelope as { payload: { askerId: string } }).payload.askerId)).toEqual([
      tombstoneId,
    ]);

    // Kept: the course they sold stays for its buyer under the tombstone author; their purchase too.
    const entities = await ok<{ _entities: unknown[] }>(
      ENTITIES,
      {
        r: [
          { __typename: "Post", id: s.post },
          { __typename: "Question", id: s.question },
          { __typename: "Course", id: s.draftCourse },
          { __typename: "Course", id: s.soldCourse },
        ],
      },
      other.token,
    );
    expect(entities._entities).toEqual([
      null,
      null,
      null,
      { id: s.soldCourse, author: { id: tombstoneId }, lessons: [{ body: "Walk daily." }] },
    ]);
    // ...withdrawn: no longer sold to anyone new, listed or found.
    const newBuyer = await h.person();
    const refused = await h.request(BUY, { courseId: s.soldCourse, key: randomUUID() }, newBuyer.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    expect(await found("basics")).toEqual([]);
    expect(await listed()).not.toContain(s.soldCourse);
    expect(await h.db.coursePurchase.findUniqueOrThrow({ where: { id: s.purchase } })).toMatchObject({
      buyerId: tombstoneId,
      openKey: `${s.othersCourse}:${tombstoneId}`,
      status: "PAID",
      amount: 9_900,
    });
    // The others' own content is intact.
    expect(await h.db.post.count({ where: { id: s.othersPost } })).toBe(1);
    expect(await h.db.coursePurchase.findUniqueOrThrow({ where: { id: s.sale } })).toMatchObject({
      buyerId: other.id,
      status: "PAID",
    });

    const before = await domainRows(h.db);
    const again = await eraseThroughSubgraph(target, person.id);
    expect(again.tables.every((table) => table.rows === 0)).toBe(true);
    expect(await domainRows(h.db)).toEqual(before);
  });

  it("makes nothing from finance's late answers about the erased person's question and purchase", async () => {
    const before = await domainRows(h.db);
    const at = new Date().toISOString();
    await deliverEvent(target, bountyHeldV1, {
      questionId: s.bountyQuestion,
      askerId: person.id,
      points: 10,
      heldAt: at,
    });
    await deliverEvent(target, paymentSuccessV1, {
      paymentId: randomUUID(),
      requestId: s.purchase,
      requester: "content",
      payerId: person.id,
      reference: `course purchase ${s.purchase}`,
      amount: 100,
      currency: "CNY",
      paidAt: at,
    });
    expect(await domainRows(h.db)).toEqual(before);
    expect(await findTraces(h.db, [person.id])).toEqual([]);
  });
});
