import { randomUUID } from "node:crypto";
import {
  coachLevelChangedV1,
  coachProfileUpdatedV1,
  coachRatedV1,
  contentPublishedV1,
  giftSentV1,
  orderAssignedV1,
  paymentFailedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { prepareEvent } from "@health/platform/events";
import { findTraces, policyGaps } from "@health/platform/privacy";
import {
  deliverEvent,
  eraseThroughSubgraph,
  eventually,
  exportThroughSubgraph,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskStreamName } from "../src/domain/generation/workQueue.ts";
import { AI_TABLES } from "../src/privacy/policy.ts";
import { type AiHarness, startAiSubgraph } from "./harness.ts";
import { type FakeChatServer, startFakeChatServer } from "./support/fakeChatServer.ts";

// Data-subject rights in ai (issue 13): Erin, a coach, has generation tasks (one done, one streaming, one
// still queued behind it: the worker runs one task at a time here), a risk score, a matching profile,
// level, ratings and an order served, and a published title; Olga, another coach, has the same kinds of
// rows, some of them naming Erin as the customer. Olga's data must come through Erin's erasure whole.

const PHRASE = `quokka-${randomUUID().slice(0, 8)}`;
const START = `mutation ($input: StartGenerationTaskInput!) { startGenerationTask(input: $input) { id } }`;
const RANK = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on ServiceOrder { recommendedCoaches(first: 5) { coach { id } } }
} }`;

let chat: FakeChatServer;
let h: AiHarness;
let erin: { id: string; token: string };
let olga: { id: string; token: string };
let admin: { id: string; token: string };
const ids = { erinTasks: [] as string[], olgaTask: "", erinRating: "", olgaRating: "" };
const erinOrder = randomUUID();
const olgaOrder = randomUUID();
const erinContent = randomUUID();
const olgaContent = randomUUID();
const observed: string[] = [];
let hangingRequest = 0;

/** Publishes an event on this file's streams as its producer's relay would; returns the event's id. */
const send = async <E extends EventDefinition>(event: E, payload: EventPayload<E>) => {
  const { envelope } = prepareEvent(event, payload, { aggregateId: randomUUID(), actorId: null });
  await h.publish(event, envelope);
  return envelope.id;
};

const start = async (who: { token: string }, input: Record<string, unknown>) => {
  const { data, errors } = await h.request<{ startGenerationTask: { id: string } }>(
    START,
    { input },
    who.token,
  );
  expect(errors).toBeUndefined();
  return data?.startGenerationTask.id as string;
};
const task = (id: string) => h.db.generationTask.findUnique({ where: { id } });
const finished = (id: string) =>
  eventually(
    () => task(id),
    (row) => row?.status === "SUCCEEDED",
  );

const recommended = async () => {
  const order = {
    __typename: "ServiceOrder",
    id: randomUUID(),
    specialty: "nutrition",
    region: "shanghai",
    minCoachLevel: 1,
    customer: { id: randomUUID() },
  };
  const result = await h.request<{
    _entities: Array<{ recommendedCoaches: Array<{ coach: { id: string } }> }>;
  }>(RANK, { reps: [order] }, admin.token);
  return (result.data?._entities[0]?.recommendedCoaches ?? []).map((r) => r.coach.id);
};

const jobsInQueue = async () => {
  const jsm = await h.deps.nats.jetstreamManager();
  return (await jsm.streams.info(taskStreamName(h.bus))).state.messages;
};

async function seedCoach(
  coachId: string,
  customerId: string,
  orderId: string,
  contentId: string,
  title: string,
) {
  const at = new Date().toISOString();
  await send(coachProfileUpdatedV1, {
    coachId,
    specialties: ["nutrition"],
    regions: ["shanghai"],
    capacity: 5,
    updatedAt: at,
  });
  await send(coachLevelChangedV1, {
    coachId,
    level: 2,
    previousLevel: null,
    sequence: 1,
    basis: { completedOrders: 0, averageRating: null, ratings: 0, verifiedCertificates: 0 },
    changedAt: at,
  });
  await send(orderAssignedV1, { orderId, customerId, coachId, assignedAt: at });
  const ratingId = randomUUID();
  await send(coachRatedV1, { ratingId, orderId, coachId, customerId, score: 4, ratedAt: at });
  await send(contentPublishedV1, { contentId, authorId: coachId, kind: "COURSE", title, publishedAt: at });
  return ratingId;
}

beforeAll(async () => {
  chat = await startFakeChatServer();
  h = await startAiSubgraph({
    AI_PROVIDER_URL: chat.url,
    AI_MODEL: "test-model-1",
    AI_WORKER_CONCURRENCY: "1",
    AI_RETRY_BASE_MS: "10",
  });
  erin = await h.person(["user", "coach"]);
  olga = await h.person(["user", "coach"]);
  admin = await h.person(["user", "admin"]);

  chat.script.push({ kind: "stream", pieces: ["Olga's outline."] });
  ids.olgaTask = await start(olga, { kind: "POST_DRAFT", topic: "Olga's walking plan" });
  await finished(ids.olgaTask);
  chat.script.push({ kind: "stream", pieces: [`Lesson 1: ${PHRASE}`] });
  const done = await start(erin, {
    kind: "COURSE_OUTLINE",
    topic: `Sleep ${PHRASE}`,
    idempotencyKey: `key-${PHRASE}`,
  });
  await finished(done);
  // The next provider call hangs: Erin's consultation reply stays RUNNING, and her post draft QUEUED.
  hangingRequest = chat.seen.length;
  chat.script.push({ kind: "hang", pieces: ["Dear customer"] });
  const running = await start(erin, {
    kind: "CONSULT_REPLY",
    orderId: erinOrder,
    messages: [{ from: "CUSTOMER", text: `My ${PHRASE} keeps me awake.` }],
  });
  await eventually(
    () => task(running),
    (row) => row?.output === "Dear customer",
  );
  const queued = await start(erin, { kind: "POST_DRAFT", topic: `Morning ${PHRASE}` });
  ids.erinTasks.push(done, running, queued);
  // Both jobs are in the work queue (the running one unacknowledged) and every outbox row is sent.
  await eventually(jobsInQueue, (messages) => messages === 2);
  await eventually(
    () => h.db.outboxEvent.count({ where: { sentAt: null } }),
    (unsent) => unsent === 0,
  );

  ids.erinRating = await seedCoach(erin.id, olga.id, erinOrder, erinContent, `Course ${PHRASE}`);
  ids.olgaRating = await seedCoach(olga.id, erin.id, olgaOrder, olgaContent, "Olga's course");
  observed.push(
    await send(paymentFailedV1, {
      paymentId: randomUUID(),
      requestId: randomUUID(),
      requester: "trade",
      payerId: erin.id,
      reason: "card declined",
      failedAt: new Date().toISOString(),
    }),
  );
  const gift = (senderId: string, recipientId: string) =>
    send(giftSentV1, {
      giftOrderId: randomUUID(),
      senderId,
      recipientId,
      giftId: "rose",
      amount: 10,
      currency: "POINTS",
      sentAt: new Date().toISOString(),
    });
  observed.push(await gift(erin.id, olga.id));
  await gift(olga.id, erin.id);
  await eventually(
    async () => ({
      observations: await h.db.riskObservation.count(),
      content: await h.db.publishedContent.count(),
      ratings: await h.db.matchingRating.count(),
      orders: await h.db.matchingOrder.count(),
      levels: await h.db.matchingCoachLevel.count(),
    }),
    (n) => n.observations === 3 && n.content === 2 && n.ratings === 2 && n.orders === 2 && n.levels === 2,
  );
}, 60_000);
afterAll(async () => {
  await h?.close();
  await chat?.close();
});

const target = () => ({
  subgraph: "ai" as const,
  db: h.db,
  nats: h.deps.nats,
  bus: h.bus,
  publish: h.publish,
});

describe("ai's data-subject rights", () => {
  it("names every table of its database in the erasure policy, and none that does not exist", async () => {
    expect(await policyGaps(h.db, AI_TABLES)).toEqual({ unnamed: [], absent: [] });
    const tables = await h.db.$queryRawUnsafe<Array<{ name: string }>>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const names = tables.map((t) => t.name);
    for (const table of Object.keys(AI_TABLES)) expect(names).toContain(table);
  });

  it("exports Erin's tasks, risk, matching facts and titles, and nothing of Olga's", async () => {
    const { part, answer } = await exportThroughSubgraph(target(), erin.id);
    const s = part.sections as Record<string, Array<Record<string, unknown>>>;
    expect(s.generationTasks?.map((t) => t.id).sort()).toEqual([...ids.erinTasks].sort());
    const [done, running, queued] = ids.erinTasks.map((id) => s.generationTasks?.find((t) => t.id === id));
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      kind: "COURSE_OUTLINE",
      input: { topic: `Sleep ${PHRASE}` },
      output: `Lesson 1: ${PHRASE}`,
      idempotencyKey: `key-${PHRASE}`,
      model: "test-model-1",
    });
    expect(running).toMatchObject({ status: "RUNNING", output: "Dear customer" });
    expect(queued).toMatchObject({ status: "QUEUED", input: { topic: `Morning ${PHRASE}` } });
    expect(s.riskScores).toHaveLength(1);
    expect(s.riskScores?.[0]).toMatchObject({ model: "risk-logistic@1" });
    expect(s.riskObservations?.map((o) => o.eventId).sort()).toEqual([...observed].sort());
    expect(s.coachMatchingProfiles).toEqual([
      expect.objectContaining({ specialties: ["nutrition"], regions: ["shanghai"], capacity: 5 }),
    ]);
    expect(s.coachLevels).toEqual([{ level: 2 }]);
    expect(s.ratingsReceived).toEqual([{ ratingId: ids.erinRating, score: 4 }]);
    expect(s.ordersServed?.map((o) => o.orderId)).toEqual([erinOrder]);
    expect(s.publishedContent).toEqual([
      expect.objectContaining({ contentId: erinContent, title: `Course ${PHRASE}` }),
    ]);
    const text = JSON.stringify(part);
    for (const other of [olga.id, ids.olgaTask, ids.olgaRating, olgaOrder, olgaContent, "Olga's"])
      expect(text).not.toContain(other);
    expect(answer.sections).toEqual(
      Object.fromEntries(Object.entries(s).map(([name, items]) => [name, items.length])),
    );
  });

  it("erases Erin: her queued and running tasks never run on, matching forgets her, Olga's rows stay", async () => {
    expect(await recommended()).toEqual(expect.arrayContaining([erin.id, olga.id]));
    const providerCalls = chat.seen.length;
    const { tables } = await eraseThroughSubgraph(target(), erin.id);
    expect(tables).toEqual(
      expect.arrayContaining([
        { table: "generation_tasks", action: "DELETED", rows: 3 },
        { table: "published_content", action: "DELETED", rows: 1 },
        { table: "risk_observations", action: "DELETED", rows: 2 },
        { table: "risk_scores", action: "DELETED", rows: 1 },
        { table: "matching_coach_profiles", action: "DELETED", rows: 1 },
        { table: "matching_coach_levels", action: "DELETED", rows: 1 },
        { table: "matching_ratings", action: "DELETED", rows: 1 },
        { table: "matching_orders", action: "DELETED", rows: 1 },
        // Her three tasks' jobs (sent): the envelopes name her as their actor.
        { table: "outbox_events", action: "DELETED", rows: 3 },
      ]),
    );
    // The running task's provider call is aborted; the queued job finds no row and is acknowledged
    // (work-queue retention: the stream is empty once both are), without calling the provider.
    await chat.seen[hangingRequest]?.aborted;
    await eventually(jobsInQueue, (messages) => messages === 0);
    expect(chat.seen.length).toBe(providerCalls);
    for (const id of ids.erinTasks) expect(await task(id)).toBeNull();

    expect(await findTraces(h.db, [erin.id, PHRASE])).toEqual([]);
    expect(await recommended()).toEqual([olga.id]);
    const score = await h.request<{ riskScore: unknown }>(
      `query($id: ID!) { riskScore(userId: $id) { score } }`,
      { id: erin.id },
      admin.token,
    );
    expect(score.data?.riskScore).toBeNull();
    // ai keeps nothing of her to resolve her User by: insights without user's source are FORBIDDEN (fail closed).
    const entity = await h.request(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { healthInsights(metric: WEIGHT) { metric } } } }`,
      { reps: [{ __typename: "User", id: erin.id }] },
      erin.token,
    );
    expect(entity.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(entity)).not.toContain(PHRASE);
    await expectOlgaIntact();
  });

  it("acknowledges a second erasure of Erin with zeros and changes nothing", async () => {
    const { tables } = await eraseThroughSubgraph(target(), erin.id);
    for (const table of tables) expect(table.rows).toBe(0);
    expect(tables.map((t) => t.table)).toContain("generation_tasks");
    await expectOlgaIntact();
  });

  it("makes nothing about Erin from events that arrive after her erasure, and still makes Pia's", async () => {
    const pia = randomUUID();
    const at = new Date().toISOString();
    const profile = (coachId: string) => ({
      coachId,
      specialties: ["nutrition"],
      regions: ["shanghai"],
      capacity: 5,
      updatedAt: at,
    });
    await deliverEvent(target(), coachProfileUpdatedV1, profile(erin.id));
    await deliverEvent(target(), contentPublishedV1, {
      contentId: randomUUID(),
      authorId: erin.id,
      kind: "COURSE",
      title: `Late ${PHRASE}`,
      publishedAt: at,
    });
    await deliverEvent(target(), paymentFailedV1, {
      paymentId: randomUUID(),
      requestId: randomUUID(),
      requester: "trade",
      payerId: erin.id,
      reason: "card declined",
      failedAt: at,
    });
    await deliverEvent(target(), coachProfileUpdatedV1, profile(pia));
    expect(await findTraces(h.db, [erin.id, PHRASE])).toEqual([]);
    expect(await h.db.matchingCoachProfile.findUnique({ where: { coachId: pia } })).not.toBeNull();
    await expectOlgaIntact();
  });
});

async function expectOlgaIntact() {
  expect(await task(ids.olgaTask)).toMatchObject({
    ownerId: olga.id,
    status: "SUCCEEDED",
    output: "Olga's outline.",
  });
  expect(await h.db.matchingCoachProfile.findUnique({ where: { coachId: olga.id } })).not.toBeNull();
  expect(await h.db.matchingCoachLevel.findUnique({ where: { coachId: olga.id } })).toMatchObject({
    level: 2,
  });
  expect(await h.db.matchingRating.findUnique({ where: { ratingId: ids.olgaRating } })).toMatchObject({
    coachId: olga.id,
    score: 4,
  });
  expect(await h.db.matchingOrder.findUnique({ where: { orderId: olgaOrder } })).toMatchObject({
    coachId: olga.id,
    status: "ASSIGNED",
  });
  expect(await h.db.publishedContent.findUnique({ where: { contentId: olgaContent } })).not.toBeNull();
  expect(await h.db.riskObservation.count({ where: { userId: olga.id } })).toBe(1);
  expect(await h.db.riskScore.findUnique({ where: { userId: olga.id } })).not.toBeNull();
}
