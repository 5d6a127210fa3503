import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Q&A bounties through the router (issue 11, M12): an admin gives the asker points; a bounty is held by
// finance (the asker's balance drops once the hold is answered), paid to the accepted answer's author,
// returned when it expires unawarded (content's sweeper, once its deadline has passed), and a bounty larger than the
// balance gets the question REJECTED with nothing moved. Display names come from auth by reference.

// Long enough for the first question to be answered and accepted under load, short enough to wait for.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let admin: Person;
let asker: Person;
let answerer: Person;

const ASK = `mutation($input: AskQuestionInput!, $key: String) { askQuestion(input: $input, idempotencyKey: $key) { id status bountyStatus } }`;
const QUESTION = `query($id: ID!) { question(id: $id) { id status bountyStatus bountyPoints rejectionReason asker { displayName } answers { id accepted author { displayName } } } }`;
const ANSWER = `mutation($q: ID!, $body: String!) { answerQuestion(questionId: $q, body: $body) { id } }`;
const ACCEPT = `mutation($a: ID!) { acceptAnswer(answerId: $a) { id status bountyStatus } }`;
const BALANCE = `{ pointsBalance }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { item { __typename ... on Question { id asker { displayName } highlight { title { text } } } } } } }`;

interface QuestionView {
  id: string;
  status: string;
  bountyStatus: string | null;
  bountyPoints: number | null;
  rejectionReason: string | null;
  asker: { displayName: string };
  answers: { id: string; accepted: boolean; author: { displayName: string } }[];
}

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};
const balanceOf = async (person: Person) =>
  (await ok<{ pointsBalance: number }>(BALANCE, {}, person.token)).pointsBalance;
const read = async (id: string, token: string) =>
  (await ok<{ question: QuestionView }>(QUESTION, { id }, token)).question;
const askWithBounty = async (title: string, bountyPoints: number) =>
  (
    await ok<{ askQuestion: { id: string; status: string } }>(
      ASK,
      { input: { title, body: "Details inside.", bountyPoints }, key: randomUUID() },
      asker.token,
    )
  ).askQuestion;
/** The question once its state satisfies `done` (finance answered, the sweeper ran), or after 60 s. */
const until = (id: string, done: (question: QuestionView) => boolean) =>
  eventually(() => read(id, asker.token), done, 60_000);

beforeAll(async () => {
  platform = await startPlatform({
    content: true,
    contentEnv: { QUESTION_BOUNTY_SWEEP_SECONDS: "1" },
  });
  request = graphqlClient(platform.url);
  [admin, asker, answerer] = await Promise.all([
    adminOf(platform, request),
    signUp(request, "Asker"),
    signUp(request, "Answerer"),
  ]);
  await ok(
    "mutation($userId: ID!, $amount: Int!, $reason: String!) { adjustPoints(userId: $userId, amount: $amount, reason: $reason) { id } }",
    { userId: asker.id, amount: 100, reason: "Q&A starter points" },
    admin.token,
  );
}, 90_000);
afterAll(async () => {
  await platform?.close();
});

describe("question bounties through the router", () => {
  it("holds a bounty, pays it to the accepted answer's author, and returns one that expires", async () => {
    expect(await balanceOf(asker)).toBe(100);
    const paid = await askWithBounty("如何改善睡眠质量? Sleep hygiene tips", 40);
    expect(paid.status).toBe("PENDING");
    // Asked at once, so both bounties' clocks run while the first is answered and accepted.
    const expiring = await askWithBounty("Stretching before or after a run?", 25);

    const open = await until(paid.id, (q) => q.status !== "PENDING");
    expect(open).toMatchObject({ status: "OPEN", bountyStatus: "HELD", asker: { displayName: "Asker" } });
    await until(expiring.id, (q) => q.status !== "PENDING");
    expect(await balanceOf(asker)).toBe(35);

    const found = await ok<{ search: { nodes: { item: { __typename: string; id: string } }[] } }>(
      SEARCH,
      { q: "睡眠" },
      answerer.token,
    );
    expect(found.search.nodes.map((node) => node.item)).toContainEqual(
      expect.objectContaining({ __typename: "Question", id: paid.id, asker: { displayName: "Asker" } }),
    );

    const { answerQuestion } = await ok<{ answerQuestion: { id: string } }>(
      ANSWER,
      { q: paid.id, body: "No screens for an hour before bed." },
      answerer.token,
    );
    const accepted = await ok<{ acceptAnswer: { status: string; bountyStatus: string } }>(
      ACCEPT,
      { a: answerQuestion.id },
      asker.token,
    );
    expect(accepted.acceptAnswer).toMatchObject({ status: "ANSWERED", bountyStatus: "PAID" });
    expect(
      await eventually(
        () => balanceOf(answerer),
        (balance) => balance === 40,
        30_000,
      ),
    ).toBe(40);
    expect((await read(paid.id, answerer.token)).answers).toEqual([
      { id: answerQuestion.id, accepted: true, author: { displayName: "Answerer" } },
    ]);

    // The second one expires unawarded: its award deadline (7 days) is moved to now, as if they had
    // passed, and the sweeper returns its 25 points to the asker.
    const moved = await platform.contentDeps!.db.$executeRawUnsafe(
      "UPDATE saga_instances SET deadline_at = now() WHERE id = $1::uuid AND status = 'RUNNING' AND deadline_at IS NOT NULL",
      expiring.id,
    );
    expect(moved).toBe(1);
    const returned = await until(expiring.id, (q) => q.bountyStatus === "RETURNED");
    expect(returned).toMatchObject({ status: "OPEN", bountyStatus: "RETURNED" });
    expect(
      await eventually(
        () => balanceOf(asker),
        (balance) => balance === 60,
        30_000,
      ),
    ).toBe(60);
    expect(await balanceOf(answerer)).toBe(40);
  }, 120_000);

  it("rejects a question whose bounty is larger than the balance, and moves no points", async () => {
    const before = await balanceOf(asker);
    const tooRich = await askWithBounty("A very expensive question", before + 1);
    const rejected = await until(tooRich.id, (q) => q.status !== "PENDING");
    expect(rejected).toMatchObject({ status: "REJECTED", bountyStatus: "REFUSED" });
    expect(rejected.rejectionReason).toContain(`fewer than the ${before + 1} points`);
    expect(await balanceOf(asker)).toBe(before);
    const { errors } = await request(QUESTION, { id: tooRich.id }, answerer.token);
    expect(errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  }, 60_000);
});
