import { randomUUID } from "node:crypto";
import { expireOverdueSagas } from "@health/platform/saga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";
import { errorOf, okWith, type Person } from "./support.ts";

// Questions and answers through content's moderation (issue 11, content point 5): a question's title,
// body and tags and an answer's body are screened by the word list; what trips it is held PENDING_REVIEW
// (its author and admins alone see it, nothing is searchable or listed, no question_answered) until an
// admin keeps it or removes it with a reason. The bounty saga goes on beside it.

let h: ContentHarness;
const ok = okWith(() => h);
const error = errorOf(() => h);
let asker: Person;
let answerer: Person;
let reader: Person;
let admin: Person;

const FIELDS = "id status moderation removalReason bountyStatus bountyExpiresAt";
const ASK = `mutation($input: AskQuestionInput!, $key: String) { askQuestion(input: $input, idempotencyKey: $key) { ${FIELDS} } }`;
const QUESTION = `query($id: ID!) { question(id: $id) { ${FIELDS} answers { id moderation removalReason } } }`;
const QUESTIONS = `query($tag: String) { questions(tag: $tag) { nodes { id } } }`;
const MINE = `query { myQuestions { nodes { id moderation } } }`;
const ANSWER = `mutation($q: ID!, $body: String!) { answerQuestion(questionId: $q, body: $body) { id moderation } }`;
const ACCEPT = `mutation($a: ID!) { acceptAnswer(answerId: $a) { id } }`;
const VOTE = `mutation($a: ID!) { voteAnswer(answerId: $a, vote: UP) { id } }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { item { __typename ... on Question { id } } } } }`;
const QUEUE = `query { moderationQueue { nodes { id kind targetId words question { id moderation } answer { id moderation } } } }`;
const REVIEW = `mutation($id: ID!, $d: ReviewDecision!, $r: String) { reviewModerationCase(caseId: $id, decision: $d, reason: $r) { id } }`;

interface QuestionView {
  id: string;
  status: string;
  moderation: string;
  removalReason: string | null;
  bountyStatus: string | null;
  bountyExpiresAt: string | null;
  answers?: { id: string; moderation: string; removalReason: string | null }[];
}
interface Case {
  id: string;
  kind: string;
  targetId: string;
  words: string[];
  question: { id: string; moderation: string } | null;
  answer: { id: string; moderation: string } | null;
}

const uniqueWord = () => `zq${randomUUID().slice(0, 8).replace(/\d/g, "x")}`;
const ask = async (input: Record<string, unknown>, key?: string) =>
  (await ok<{ askQuestion: QuestionView }>(ASK, { input, key }, asker.token)).askQuestion;
const read = async (id: string, token?: string) =>
  (await ok<{ question: QuestionView }>(QUESTION, { id }, token)).question;
const answer = async (questionId: string, body: string, who: Person = answerer) =>
  (
    await ok<{ answerQuestion: { id: string; moderation: string } }>(
      ANSWER,
      { q: questionId, body },
      who.token,
    )
  ).answerQuestion;
const found = async (query: string) =>
  (
    await ok<{ search: { nodes: { item: { id?: string } }[] } }>(SEARCH, { q: query }, reader.token)
  ).search.nodes
    .map((node) => node.item.id)
    .filter((id) => id !== undefined);
const listed = async (tag: string) =>
  (
    await ok<{ questions: { nodes: { id: string }[] } }>(QUESTIONS, { tag }, reader.token)
  ).questions.nodes.map((node) => node.id);
const caseOf = async (targetId: string) =>
  (await ok<{ moderationQueue: { nodes: Case[] } }>(QUEUE, {}, admin.token)).moderationQueue.nodes.find(
    (c) => c.targetId === targetId,
  );
const review = async (targetId: string, decision: "KEEP" | "REMOVE", reason?: string) => {
  const open = await caseOf(targetId);
  if (!open) throw new Error(`no open case for ${targetId}`);
  await ok(REVIEW, { id: open.id, d: decision, r: reason }, admin.token);
};
const answeredEvents = (answerId: string) =>
  h.db.outboxEvent
    .findMany({ where: { subject: "content.question_answered.v1" } })
    .then((rows) =>
      rows.filter((row) => (row.envelope as { payload: { answerId: string } }).payload.answerId === answerId),
    );

beforeAll(async () => {
  h = await startContentSubgraph();
  asker = await h.person();
  answerer = await h.person();
  reader = await h.person();
  admin = await h.person(["user", "admin"]);
  await ok(`mutation { addModerationWord(word: "zebracoin") { word } }`, {}, admin.token);
  await ok(`mutation { addModerationWord(word: "赌博") { word } }`, {}, admin.token);
});
afterAll(() => h?.close());

describe("a question holding a listed word", () => {
  it("is hidden from others, from lists and from search until an admin keeps it", async () => {
    const word = uniqueWord();
    const tag = uniqueWord();
    const q = await ask({
      title: `Is zebracoin ${word} good for sleep?`,
      body: "Asking for a friend.",
      tags: [tag],
    });
    expect(q).toMatchObject({ status: "OPEN", moderation: "PENDING_REVIEW" });

    expect(await error(QUESTION, { id: q.id }, reader.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await error(QUESTION, { id: q.id })).toMatchObject({ code: "NOT_FOUND" });
    expect(await error(ANSWER, { q: q.id, body: "Sure." }, answerer.token)).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await error(ANSWER, { q: q.id, body: "Myself." }, asker.token)).toMatchObject({
      code: "CONFLICT",
    });
    expect(await listed(tag)).toEqual([]);
    expect(await found(word)).toEqual([]);
    expect((await read(q.id, asker.token)).moderation).toBe("PENDING_REVIEW");
    const mine = await ok<{ myQuestions: { nodes: { id: string; moderation: string }[] } }>(
      MINE,
      {},
      asker.token,
    );
    expect(mine.myQuestions.nodes).toContainEqual({ id: q.id, moderation: "PENDING_REVIEW" });
    expect(await caseOf(q.id)).toMatchObject({
      kind: "QUESTION",
      words: ["zebracoin"],
      question: { id: q.id, moderation: "PENDING_REVIEW" },
    });

    await review(q.id, "KEEP");
    expect((await read(q.id, reader.token)).moderation).toBe("PUBLISHED");
    expect(await listed(tag)).toEqual([q.id]);
    expect(await found(word)).toEqual([q.id]);
    expect(await caseOf(q.id)).toBeUndefined();
  });

  it("is screened by its tags too, and REMOVE hides it for good with the reason its asker reads", async () => {
    const word = uniqueWord();
    const q = await ask({ title: `Weekend plans ${word}`, body: "Any ideas?", tags: ["赌博"] });
    expect(q.moderation).toBe("PENDING_REVIEW");
    expect(await review(q.id, "REMOVE").catch((e: Error) => e.message)).toContain("reason");
    await review(q.id, "REMOVE", "Gambling is not a health topic.");
    expect(await read(q.id, asker.token)).toMatchObject({
      moderation: "REMOVED",
      removalReason: "Gambling is not a health topic.",
    });
    expect(await error(QUESTION, { id: q.id }, reader.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await found(word)).toEqual([]);
    expect(await error(ANSWER, { q: q.id, body: "Still?" }, asker.token)).toMatchObject({ code: "CONFLICT" });
  });

  it("keeps its bounty's saga apart: held while hidden; removed, nothing is accepted and the bounty returns at expiry", async () => {
    const word = uniqueWord();
    const q = await ask(
      { title: `Zebracoin ${word} or points?`, body: "Which pays more.", bountyPoints: 40 },
      randomUUID(),
    );
    expect(q).toMatchObject({ status: "PENDING", moderation: "PENDING_REVIEW", bountyStatus: "REQUESTED" });
    await h.answerBountyHold(q.id);
    const open = await h.settledQuestion(q.id);
    expect(open).toMatchObject({ status: "OPEN", moderation: "PENDING_REVIEW", bountyStatus: "HELD" });
    expect(await found(word)).toEqual([]);

    await review(q.id, "REMOVE", "Advertising.");
    expect(await read(q.id, asker.token)).toMatchObject({ moderation: "REMOVED", bountyStatus: "HELD" });
    // No one can answer a removed question through the API; an answer written before (here, directly)
    // still cannot be accepted.
    const earlier = await h.db.answer.create({
      data: { questionId: q.id, authorId: answerer.id, body: "Old." },
    });
    expect(await error(ACCEPT, { a: earlier.id }, asker.token)).toMatchObject({ code: "CONFLICT" });

    const expiry = (open.bountyExpiresAt as Date).getTime();
    expect(
      await expireOverdueSagas(h.deps.questionBounty, h.db, new Date(expiry + 1)),
    ).toBeGreaterThanOrEqual(1);
    expect(await read(q.id, asker.token)).toMatchObject({ moderation: "REMOVED", bountyStatus: "RETURNED" });
    expect(
      await h.db.outboxEvent.count({
        where: { aggregateId: q.id, subject: "content.bounty_payout_requested.v1" },
      }),
    ).toBe(0);
    expect(
      await h.db.outboxEvent.count({
        where: { aggregateId: q.id, subject: "content.bounty_return_requested.v1" },
      }),
    ).toBe(1);
  });
});

describe("an answer holding a listed word", () => {
  it("is its author's and admins' alone, with no question_answered, until an admin keeps it", async () => {
    const word = uniqueWord();
    const q = await ask({ title: "Morning or evening runs?", body: "Which is better?" });
    const clean = await answer(q.id, "Mornings, before it gets hot.", reader);
    const held = await answer(q.id, `Evenings; pay me in zebracoin ${word}.`);
    expect(held.moderation).toBe("PENDING_REVIEW");
    expect(await answeredEvents(clean.id)).toHaveLength(1);
    expect(await answeredEvents(held.id)).toHaveLength(0);

    expect((await read(q.id, asker.token)).answers?.map((a) => a.id)).toEqual([clean.id]);
    expect((await read(q.id)).answers?.map((a) => a.id)).toEqual([clean.id]);
    expect((await read(q.id, answerer.token)).answers).toContainEqual(
      expect.objectContaining({ id: held.id, moderation: "PENDING_REVIEW" }),
    );
    expect(await error(ACCEPT, { a: held.id }, asker.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await error(VOTE, { a: held.id }, reader.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await found(word)).toEqual([]);
    expect(await caseOf(held.id)).toMatchObject({
      kind: "ANSWER",
      words: ["zebracoin"],
      answer: { id: held.id, moderation: "PENDING_REVIEW" },
    });

    await review(held.id, "KEEP");
    expect((await read(q.id, asker.token)).answers?.map((a) => a.id).sort()).toEqual(
      [clean.id, held.id].sort(),
    );
    expect(await answeredEvents(held.id)).toHaveLength(1);
    expect(await found(word)).toEqual([q.id]);
    await ok(ACCEPT, { a: held.id }, asker.token);
  });

  it("REMOVE hides it for good, with the reason its author reads, and never writes question_answered", async () => {
    const word = uniqueWord();
    const q = await ask({ title: "Best time to stretch?", body: "Before or after?" });
    const held = await answer(q.id, `我们去赌博吧 ${word}`);
    await review(held.id, "REMOVE", "Off topic.");
    expect((await read(q.id, answerer.token)).answers).toEqual([
      { id: held.id, moderation: "REMOVED", removalReason: "Off topic." },
    ]);
    expect((await read(q.id, reader.token)).answers).toEqual([]);
    expect(await answeredEvents(held.id)).toHaveLength(0);
    expect(await found(word)).toEqual([]);
  });
});
