import { randomUUID } from "node:crypto";
import { expireOverdueSagas, readSaga } from "@health/platform/saga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";

// Questions and answers through the subgraph's GraphQL (issue 11, M12): asking, answering, voting and
// accepting; a bounty's saga moved by finance's answers published on this file's streams, and timed out
// by calling the sweeper's function at a time of the test's choosing.

let h: ContentHarness;
type Person = Awaited<ReturnType<ContentHarness["person"]>>;
let asker: Person;
let answerer: Person;
let voter: Person;

const QUESTION_FIELDS =
  "id status tags bountyPoints bountyStatus bountyExpiresAt rejectionReason acceptedAnswerId asker { id }";
const ASK = `mutation($input: AskQuestionInput!, $key: String) { askQuestion(input: $input, idempotencyKey: $key) { ${QUESTION_FIELDS} } }`;
const QUESTION = `query($id: ID!) { question(id: $id) { ${QUESTION_FIELDS} answers { id score accepted myVote author { id } } } }`;
const QUESTIONS = `query($tag: String, $first: Int, $after: String) { questions(tag: $tag, first: $first, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
const ANSWER = `mutation($q: ID!, $body: String!) { answerQuestion(questionId: $q, body: $body) { id score accepted author { id } } }`;
const ACCEPT = `mutation($a: ID!) { acceptAnswer(answerId: $a) { id status acceptedAnswerId bountyStatus } }`;
const VOTE = `mutation($a: ID!, $v: VoteDirection!) { voteAnswer(answerId: $a, vote: $v) { id score myVote } }`;
const CLEAR = `mutation($a: ID!) { clearVote(answerId: $a) { id score myVote } }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { score item { __typename ... on Question { id highlight { title { text matches { start end } } body { text } answers { text } } } } } } }`;

interface QuestionAnswer {
  id: string;
  status: string;
  tags: string[];
  bountyPoints: number | null;
  bountyStatus: string | null;
  bountyExpiresAt: string | null;
  rejectionReason: string | null;
  acceptedAnswerId: string | null;
  answers?: { id: string; score: number; accepted: boolean; myVote: string | null }[];
}

const ok = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const result = await h.request<T>(query, variables, token);
  if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
};
const errorOf = async (query: string, variables: Record<string, unknown>, token?: string) =>
  (await h.request(query, variables, token)).errors?.[0]?.extensions;

const ask = async (input: Record<string, unknown>, token: string, key?: string) =>
  (await ok<{ askQuestion: QuestionAnswer }>(ASK, { input, key }, token)).askQuestion;
const read = async (id: string, token?: string) =>
  (await ok<{ question: QuestionAnswer }>(QUESTION, { id }, token)).question;
const answer = async (questionId: string, body: string, token: string) =>
  (await ok<{ answerQuestion: { id: string } }>(ANSWER, { q: questionId, body }, token)).answerQuestion;
const outbox = (aggregateId: string, subject: string) =>
  h.db.outboxEvent.findMany({ where: { aggregateId, subject } });

beforeAll(async () => {
  h = await startContentSubgraph();
  asker = await h.person(["user"]);
  answerer = await h.person(["user"]);
  voter = await h.person(["user"]);
});
afterAll(() => h?.close());

describe("questions and answers", () => {
  it("checks input before writing anything, naming the field", async () => {
    const before = await h.db.question.count();
    expect(await errorOf(ASK, { input: { title: "t".repeat(151), body: "b" } }, asker.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.title",
    });
    expect(
      await errorOf(ASK, { input: { title: "t", body: "b".repeat(10_001) } }, asker.token),
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.body",
    });
    expect(
      await errorOf(ASK, { input: { title: "t", body: "b", bountyPoints: 10 } }, asker.token),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "idempotencyKey" });
    expect(
      await errorOf(ASK, { input: { title: "t", body: "b", bountyPoints: -5 }, key: "k" }, asker.token),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "input.bountyPoints" });
    expect(await errorOf(ASK, { input: { title: "t", body: "b" } })).toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(await h.db.question.count()).toBe(before);
  });

  it("opens a question without a bounty at once, lists it by its normalized tag, newest first", async () => {
    const tag = `Sleep ${randomUUID().slice(0, 8)}`;
    const first = await ask({ title: "How long should I nap?", body: "Naps.", tags: [tag] }, asker.token);
    const second = await ask(
      { title: "Is coffee bad for sleep?", body: "Coffee.", tags: [tag] },
      asker.token,
    );
    expect(first).toMatchObject({ status: "OPEN", bountyPoints: null, bountyStatus: null });
    expect(first.tags).toEqual([tag.toLowerCase().replace(" ", "-")]);
    const page1 = await ok<{ questions: { nodes: { id: string }[]; pageInfo: { endCursor: string } } }>(
      QUESTIONS,
      { tag: tag.toUpperCase(), first: 1 },
    );
    expect(page1.questions.nodes.map((n) => n.id)).toEqual([second.id]);
    const page2 = await ok<{ questions: { nodes: { id: string }[] } }>(QUESTIONS, {
      tag,
      first: 1,
      after: page1.questions.pageInfo.endCursor,
    });
    expect(page2.questions.nodes.map((n) => n.id)).toEqual([first.id]);
  });

  it("answers with question_answered in the outbox; orders answers by score; one vote per user", async () => {
    const q = await ask({ title: "Best stretch for a stiff back?", body: "Mornings are hard." }, asker.token);
    const a1 = await answer(q.id, "Cat-cow, ten times.", answerer.token);
    const a2 = await answer(q.id, "Child's pose.", voter.token);
    const events = await outbox(q.id, "content.question_answered.v1");
    expect(
      events.map((e) => (e.envelope as { payload: { answerId: string } }).payload.answerId).sort(),
    ).toEqual([a1.id, a2.id].sort());
    expect(await errorOf(ANSWER, { q: q.id, body: " " }, answerer.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "body",
    });

    expect(
      (await ok<{ voteAnswer: { score: number } }>(VOTE, { a: a2.id, v: "UP" }, asker.token)).voteAnswer,
    ).toEqual({ id: a2.id, score: 1, myVote: "UP" });
    // Voting again replaces the vote; it never counts twice.
    await ok(VOTE, { a: a2.id, v: "UP" }, asker.token);
    expect(
      (await ok<{ voteAnswer: { score: number } }>(VOTE, { a: a2.id, v: "DOWN" }, asker.token)).voteAnswer,
    ).toEqual({ id: a2.id, score: -1, myVote: "DOWN" });
    await ok(VOTE, { a: a1.id, v: "UP" }, asker.token);
    await ok(VOTE, { a: a1.id, v: "UP" }, voter.token);
    expect(await errorOf(VOTE, { a: a1.id, v: "UP" }, answerer.token)).toMatchObject({ code: "FORBIDDEN" });
    expect(await errorOf(VOTE, { a: randomUUID(), v: "UP" }, answerer.token)).toMatchObject({
      code: "NOT_FOUND",
    });

    const shown = await read(q.id, asker.token);
    expect(shown.answers?.map((a) => [a.id, a.score, a.myVote])).toEqual([
      [a1.id, 2, "UP"],
      [a2.id, -1, "DOWN"],
    ]);
    expect((await ok<{ clearVote: { score: number } }>(CLEAR, { a: a2.id }, asker.token)).clearVote).toEqual({
      id: a2.id,
      score: 0,
      myVote: null,
    });
  });

  it("lets only the asker accept, once, an answer that is not their own; the accepted one comes first", async () => {
    const q = await ask({ title: "Walking after meals?", body: "Does it help?" }, asker.token);
    const own = await answer(q.id, "I think so, says the asker.", asker.token);
    const good = await answer(q.id, "Yes, ten minutes lowers the glucose peak.", answerer.token);
    await ok(VOTE, { a: own.id, v: "UP" }, voter.token);

    expect(await errorOf(ACCEPT, { a: good.id }, answerer.token)).toMatchObject({ code: "FORBIDDEN" });
    expect(await errorOf(ACCEPT, { a: own.id }, asker.token)).toMatchObject({ code: "CONFLICT" });
    const accepted = (await ok<{ acceptAnswer: QuestionAnswer }>(ACCEPT, { a: good.id }, asker.token))
      .acceptAnswer;
    expect(accepted).toMatchObject({ status: "ANSWERED", acceptedAnswerId: good.id, bountyStatus: null });
    expect(await errorOf(ACCEPT, { a: good.id }, asker.token)).toMatchObject({ code: "CONFLICT" });
    expect((await read(q.id)).answers?.map((a) => [a.id, a.accepted])).toEqual([
      [good.id, true],
      [own.id, false],
    ]);
  });
});

describe("questions in search", () => {
  it("ranks a match in a question's title above one in its answers only", async () => {
    const word = `zq${randomUUID().slice(0, 6)}`;
    const inAnswer = await ask({ title: "Drinking enough water?", body: "How much a day?" }, asker.token);
    await answer(inAnswer.id, `Two litres; ${word} tablets help on hot days.`, answerer.token);
    const inTitle = await ask({ title: `Are ${word} tablets safe?`, body: "For runners." }, asker.token);
    const found = await ok<{ search: { nodes: { item: { id: string } }[] } }>(SEARCH, { q: word });
    expect(found.search.nodes.map((n) => n.item.id)).toEqual([inTitle.id, inAnswer.id]);
  });
});

describe("a question's bounty (the saga with finance)", () => {
  it("is PENDING and its asker's alone until finance holds it, then OPEN, searchable and HELD", async () => {
    const key = randomUUID();
    const input = {
      title: "如何降低血压 without pills?",
      body: "My doctor says salt matters.",
      bountyPoints: 50,
    };
    const q = await ask(input, asker.token, key);
    expect(q).toMatchObject({ status: "PENDING", bountyPoints: 50, bountyStatus: "REQUESTED" });
    // A retry under the key answers the same question and asks finance for nothing more.
    expect((await ask(input, asker.token, key)).id).toBe(q.id);
    expect(await errorOf(ASK, { input: { ...input, bountyPoints: 51 }, key }, asker.token)).toMatchObject({
      code: "CONFLICT",
    });
    const holds = await outbox(q.id, "content.bounty_hold_requested.v1");
    expect(holds.map((e) => (e.envelope as { payload: unknown }).payload)).toMatchObject([
      { questionId: q.id, askerId: asker.id, points: 50 },
    ]);
    expect(await errorOf(QUESTION, { id: q.id }, answerer.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await errorOf(QUESTION, { id: q.id })).toMatchObject({ code: "NOT_FOUND" });
    expect(await errorOf(ANSWER, { q: q.id, body: "early" }, answerer.token)).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await errorOf(ANSWER, { q: q.id, body: "early" }, asker.token)).toMatchObject({
      code: "CONFLICT",
    });
    const hidden = await ok<{ search: { nodes: unknown[] } }>(SEARCH, { q: "降低血压" });
    expect(hidden.search.nodes).toEqual([]);

    await h.answerBountyHold(q.id);
    expect((await h.settledQuestion(q.id)).status).toBe("OPEN");
    const open = await read(q.id, answerer.token);
    expect(open).toMatchObject({ status: "OPEN", bountyStatus: "HELD" });
    expect(new Date(open.bountyExpiresAt as string).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    await answer(q.id, "Walk thirty minutes every day and cut the salt.", answerer.token);
    for (const query of ["降低血压", "血压", "salt pills"]) {
      const found = await ok<{ search: { nodes: { item: { __typename: string; id: string } }[] } }>(SEARCH, {
        q: query,
      });
      expect(found.search.nodes.map((n) => n.item)).toContainEqual(
        expect.objectContaining({ __typename: "Question", id: q.id }),
      );
    }
    const byAnswer = await ok<{
      search: { nodes: { item: { id: string; highlight: { answers: { text: string } | null } } }[] };
    }>(SEARCH, { q: "thirty minutes" });
    expect(byAnswer.search.nodes[0]?.item).toMatchObject({
      id: q.id,
      highlight: { answers: { text: expect.stringContaining("thirty") } },
    });
    const title = await ok<{
      search: {
        nodes: {
          item: { highlight: { title: { text: string; matches: { start: number; end: number }[] } } };
        }[];
      };
    }>(SEARCH, { q: "血压" });
    const highlighted = title.search.nodes[0]?.item.highlight.title;
    const match = highlighted?.matches[0];
    expect(highlighted && match && highlighted.text.slice(match.start, match.end)).toBe("血压");
  });

  it("is paid to the accepted answer's author: bounty_payout_requested, PAID", async () => {
    const q = await ask(
      { title: "Protein after a run?", body: "How much?", bountyPoints: 30 },
      asker.token,
      randomUUID(),
    );
    await h.answerBountyHold(q.id);
    await h.settledQuestion(q.id);
    const a = await answer(q.id, "About 20 g within the hour.", answerer.token);
    const accepted = (await ok<{ acceptAnswer: QuestionAnswer }>(ACCEPT, { a: a.id }, asker.token))
      .acceptAnswer;
    expect(accepted).toMatchObject({ status: "ANSWERED", bountyStatus: "PAID" });
    const payouts = await outbox(q.id, "content.bounty_payout_requested.v1");
    expect(payouts.map((e) => (e.envelope as { payload: unknown }).payload)).toMatchObject([
      { questionId: q.id, answerId: a.id, askerId: asker.id, answererId: answerer.id, points: 30 },
    ]);
    expect((await readSaga(h.db, q.id))?.status).toBe("COMPLETED");
  });

  it("is REJECTED with finance's reason when the hold is refused, and asks finance to return anything held", async () => {
    const q = await ask(
      { title: "Too rich?", body: "A big bounty.", bountyPoints: 99_999 },
      asker.token,
      randomUUID(),
    );
    await h.answerBountyHold(q.id, { refused: "you have fewer than the 99999 points of the bounty" });
    expect((await h.settledQuestion(q.id)).status).toBe("REJECTED");
    const rejected = await read(q.id, asker.token);
    expect(rejected).toMatchObject({ status: "REJECTED", bountyStatus: "REFUSED" });
    expect(rejected.rejectionReason).toContain("fewer than the 99999 points");
    expect(await errorOf(QUESTION, { id: q.id }, answerer.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await outbox(q.id, "content.bounty_return_requested.v1")).toHaveLength(1);
    // A redelivered refusal (a new event id past the inbox) finds the saga done: nothing more happens.
    // A hold that comes after all is undone at once: one more return request.
    await h.answerBountyHold(q.id, { refused: "again" });
    await h.answerBountyHold(q.id);
    const returns = await h.eventually(
      () => outbox(q.id, "content.bounty_return_requested.v1"),
      (rows) => rows.length >= 2,
    );
    expect(returns).toHaveLength(2);
    expect((await read(q.id, asker.token)).status).toBe("REJECTED");
  });

  it("returns to the asker when no answer is accepted in time; a later acceptance pays nothing", async () => {
    const q = await ask(
      { title: "Cold showers?", body: "Worth it?", bountyPoints: 20 },
      asker.token,
      randomUUID(),
    );
    await h.answerBountyHold(q.id);
    const open = await h.settledQuestion(q.id);
    const a = await answer(q.id, "Try a minute at the end.", answerer.token);
    expect(await expireOverdueSagas(h.deps.questionBounty, h.db, new Date(Date.now() + 60_000))).toBe(0);
    const expiry = (open.bountyExpiresAt as Date).getTime();
    // Every bounty held in this file expires by then (each a moment apart): this one among them.
    expect(
      await expireOverdueSagas(h.deps.questionBounty, h.db, new Date(expiry + 1)),
    ).toBeGreaterThanOrEqual(1);
    const returned = await read(q.id, asker.token);
    expect(returned).toMatchObject({ status: "OPEN", bountyStatus: "RETURNED" });
    const returns = await outbox(q.id, "content.bounty_return_requested.v1");
    expect(returns.map((e) => (e.envelope as { payload: unknown }).payload)).toMatchObject([
      { questionId: q.id, askerId: asker.id, reason: "the bounty expired with no accepted answer" },
    ]);
    const accepted = (await ok<{ acceptAnswer: QuestionAnswer }>(ACCEPT, { a: a.id }, asker.token))
      .acceptAnswer;
    expect(accepted).toMatchObject({ status: "ANSWERED", bountyStatus: "RETURNED" });
    expect(await outbox(q.id, "content.bounty_payout_requested.v1")).toHaveLength(0);
  });

  it("pays or returns, never both, when the acceptance and the expiry come at once", async () => {
    const q = await ask(
      { title: "Race?", body: "Accept and expire.", bountyPoints: 15 },
      asker.token,
      randomUUID(),
    );
    await h.answerBountyHold(q.id);
    const open = await h.settledQuestion(q.id);
    const a = await answer(q.id, "Whichever locks the saga first.", answerer.token);
    const expiry = (open.bountyExpiresAt as Date).getTime();
    await Promise.all([
      h.request(ACCEPT, { a: a.id }, asker.token),
      expireOverdueSagas(h.deps.questionBounty, h.db, new Date(expiry + 1)),
    ]);
    const after = await h.db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(after.status).toBe("ANSWERED");
    const payouts = await outbox(q.id, "content.bounty_payout_requested.v1");
    const returns = await outbox(q.id, "content.bounty_return_requested.v1");
    expect(payouts.length + returns.length).toBe(1);
    expect(after.bountyStatus).toBe(payouts.length === 1 ? "PAID" : "RETURNED");
  });
});
