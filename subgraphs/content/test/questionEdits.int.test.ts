import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";
import { errorOf, okWith, type Person } from "./support.ts";

// Editing and deleting questions and answers (issue 11, gaps): only the author edits, screened again by
// the word list, search following at once; the author or an admin deletes (an admin's deletion of
// another's goes to ops's audit log); an accepted answer stays; a deleted question's bounty goes back to
// its asker through the saga, as at its expiry; a deleted answer's votes stop counting.

let h: ContentHarness;
const ok = okWith(() => h);
const error = errorOf(() => h);
let asker: Person;
let answerer: Person;
let voter: Person;
let admin: Person;

const ASK = `mutation($input: AskQuestionInput!, $key: String) { askQuestion(input: $input, idempotencyKey: $key) { id } }`;
const ANSWER = `mutation($q: ID!, $body: String!) { answerQuestion(questionId: $q, body: $body) { id } }`;
const UPDATE_QUESTION = `mutation($id: ID!, $input: UpdateQuestionInput!) { updateQuestion(id: $id, input: $input) { id title body tags moderation } }`;
const UPDATE_ANSWER = `mutation($a: ID!, $body: String!) { updateAnswer(answerId: $a, body: $body) { id body moderation } }`;
const DELETE_QUESTION = `mutation($id: ID!) { deleteQuestion(id: $id) }`;
const DELETE_ANSWER = `mutation($a: ID!) { deleteAnswer(answerId: $a) }`;
const ACCEPT = `mutation($a: ID!) { acceptAnswer(answerId: $a) { id } }`;
const VOTE = `mutation($a: ID!) { voteAnswer(answerId: $a, vote: UP) { score } }`;
const QUESTION = `query($id: ID!) { question(id: $id) { id title moderation answers { id body score } } }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { item { __typename ... on Question { id } } } } }`;

const word = () => `zq${randomUUID().slice(0, 8).replace(/\d/g, "x")}`;
const ask = async (input: Record<string, unknown>, key?: string) =>
  (await ok<{ askQuestion: { id: string } }>(ASK, { input, key }, asker.token)).askQuestion.id;
const answer = async (questionId: string, body: string) =>
  (await ok<{ answerQuestion: { id: string } }>(ANSWER, { q: questionId, body }, answerer.token))
    .answerQuestion.id;
const found = async (query: string) =>
  (
    await ok<{ search: { nodes: { item: { id?: string } }[] } }>(SEARCH, { q: query }, voter.token)
  ).search.nodes
    .map((node) => node.item.id)
    .filter((id) => id !== undefined);
const adminActions = (subjectId: string) =>
  h.db.outboxEvent
    .findMany({ where: { subject: "content.admin_action_recorded.v1", aggregateId: subjectId } })
    .then((rows) => rows.map((row) => row.envelope as { actorId: string; payload: Record<string, unknown> }));

beforeAll(async () => {
  h = await startContentSubgraph();
  asker = await h.person();
  answerer = await h.person();
  voter = await h.person();
  admin = await h.person(["user", "admin"]);
  await ok(`mutation { addModerationWord(word: "zebracoin") { word } }`, {}, admin.token);
});
afterAll(() => h?.close());

describe("editing a question or an answer", () => {
  it("its author edits; search follows at once; an edit holding a listed word is held for review", async () => {
    const [before, after] = [word(), word()];
    const id = await ask({ title: `Stretching ${before}?`, body: "How long?", tags: ["Mobility"] });
    expect(await found(before)).toEqual([id]);
    const { updateQuestion } = await ok<{ updateQuestion: Record<string, unknown> }>(
      UPDATE_QUESTION,
      { id, input: { title: `Stretching ${after}?`, tags: ["Hip Mobility"] } },
      asker.token,
    );
    expect(updateQuestion).toMatchObject({
      body: "How long?",
      tags: ["hip-mobility"],
      moderation: "PUBLISHED",
    });
    expect(await found(before)).toEqual([]);
    expect(await found(after)).toEqual([id]);

    const a = await answer(id, `Hold each ${word()} for thirty seconds.`);
    const answerWord = word();
    await ok(UPDATE_ANSWER, { a, body: `Hold ${answerWord} for a minute.` }, answerer.token);
    expect(await found(answerWord)).toEqual([id]);

    // A listed word holds the answer, then the question: out of others' sight and out of search.
    const held = await ok<{ updateAnswer: { moderation: string } }>(
      UPDATE_ANSWER,
      { a, body: `Buy zebracoin ${answerWord}` },
      answerer.token,
    );
    expect(held.updateAnswer.moderation).toBe("PENDING_REVIEW");
    expect(await found(answerWord)).toEqual([]);
    const cases = await h.db.moderationCase.findMany({ where: { targetId: { in: [id, a] } } });
    expect(cases.map((c) => [c.kind, c.words])).toEqual([["ANSWER", ["zebracoin"]]]);
    await ok(UPDATE_QUESTION, { id, input: { body: "Is zebracoin a stretch?" } }, asker.token);
    expect(await error(QUESTION, { id }, voter.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await found(after)).toEqual([]);
    // An edit never releases a held item: clean text again, still held until an admin decides.
    const cleaned = await ok<{ updateQuestion: { moderation: string } }>(
      UPDATE_QUESTION,
      { id, input: { body: "How long?" } },
      asker.token,
    );
    expect(cleaned.updateQuestion.moderation).toBe("PENDING_REVIEW");
  });

  it("no one else edits (admins neither), bad input is refused before any write", async () => {
    const id = await ask({ title: "Mine to edit", body: "Original." });
    const a = await answer(id, "An answer of mine.");
    for (const who of [answerer, admin]) {
      expect(await error(UPDATE_QUESTION, { id, input: { body: "Hijacked" } }, who.token)).toMatchObject({
        code: "FORBIDDEN",
      });
    }
    for (const who of [asker, admin]) {
      expect(await error(UPDATE_ANSWER, { a, body: "Hijacked" }, who.token)).toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await error(UPDATE_QUESTION, { id, input: {} }, asker.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input",
    });
    expect(await error(UPDATE_QUESTION, { id, input: { title: " " } }, asker.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.title",
    });
    const q = await ok<{ question: { title: string; answers: { body: string }[] } }>(
      QUESTION,
      { id },
      voter.token,
    );
    expect(q.question).toMatchObject({ title: "Mine to edit", answers: [{ body: "An answer of mine." }] });
  });
});

describe("deleting an answer", () => {
  it("its votes stop counting, search no longer finds it, and the accepted answer stays (CONFLICT)", async () => {
    const id = await ask({ title: "Protein timing", body: "Before or after?" });
    const gone = word();
    const a = await answer(id, `Right after ${gone}.`);
    const kept = await answer(id, "Any time of day.");
    await ok(VOTE, { a }, voter.token);
    await ok(VOTE, { a }, asker.token);
    expect(await found(gone)).toEqual([id]);
    expect(await error(DELETE_ANSWER, { a }, voter.token)).toMatchObject({ code: "FORBIDDEN" });
    expect(await ok<{ deleteAnswer: string }>(DELETE_ANSWER, { a }, answerer.token)).toEqual({
      deleteAnswer: a,
    });
    expect(await h.db.answerVote.count({ where: { answerId: a } })).toBe(0);
    expect(await found(gone)).toEqual([]);
    expect(await error(VOTE, { a }, voter.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await adminActions(a)).toEqual([]);

    await ok(ACCEPT, { a: kept }, asker.token);
    const refused = (await h.request(DELETE_ANSWER, { a: kept }, answerer.token)).errors?.[0];
    expect(refused).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: expect.stringMatching(/accepted/),
    });
    expect(await error(DELETE_ANSWER, { a: kept }, admin.token)).toMatchObject({ code: "CONFLICT" });
    const q = await ok<{ question: { answers: { id: string }[] } }>(QUESTION, { id }, voter.token);
    expect(q.question.answers.map((x) => x.id)).toEqual([kept]);
  });

  it("an admin deletes another's answer, recorded for ops's audit log", async () => {
    const id = await ask({ title: "Rest days", body: "How many?" });
    const a = await answer(id, "Seven a week.");
    await ok(DELETE_ANSWER, { a }, admin.token);
    expect(await adminActions(a)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        payload: expect.objectContaining({ action: "delete_answer", subjectType: "Answer", subjectId: a }),
      }),
    ]);
  });
});

describe("deleting a question", () => {
  it("returns a held bounty to its asker through the saga, and is gone from search at once", async () => {
    const title = word();
    const id = await ask({ title: `Marathon ${title}`, body: "Tips?", bountyPoints: 30 }, randomUUID());
    await h.answerBountyHold(id);
    await h.settledQuestion(id);
    await answer(id, "Train slowly.");
    expect(await found(title)).toEqual([id]);
    expect(await error(DELETE_QUESTION, { id }, answerer.token)).toMatchObject({ code: "FORBIDDEN" });
    await ok(DELETE_QUESTION, { id }, asker.token);
    expect(await found(title)).toEqual([]);
    expect(await error(QUESTION, { id }, asker.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await h.db.answer.count({ where: { questionId: id } })).toBe(0);
    const returns = await h.db.outboxEvent.findMany({
      where: { aggregateId: id, subject: "content.bounty_return_requested.v1" },
    });
    expect(returns.map((e) => (e.envelope as { payload: unknown }).payload)).toMatchObject([
      { questionId: id, askerId: asker.id, reason: "its question was deleted" },
    ]);
    expect(await adminActions(id)).toEqual([]);
  });

  it("its asker cannot once an answer was accepted (CONFLICT); an admin can, recorded", async () => {
    const id = await ask({ title: "Answered already", body: "Yes." });
    const a = await answer(id, "This one.");
    await ok(ACCEPT, { a }, asker.token);
    expect(await error(DELETE_QUESTION, { id }, asker.token)).toMatchObject({ code: "CONFLICT" });
    await ok(DELETE_QUESTION, { id }, admin.token);
    expect(await h.db.question.count({ where: { id } })).toBe(0);
    expect(await adminActions(id)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        payload: expect.objectContaining({ action: "delete_question", details: { authorId: asker.id } }),
      }),
    ]);
  });
});
