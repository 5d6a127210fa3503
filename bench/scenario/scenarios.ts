// The day's mix: what users, coaches and a partner do, each scenario a short run of operations through
// the router as a client app sends them. `share` is the scenario's share of all OPERATIONS (reads
// dominate); the driver turns a target rate in operations/s into each scenario's arrivals.
import { randomUUID } from "node:crypto";
import type { Person } from "../../router/test/support/people.ts";
import { sleep } from "../live/waits.ts";
import { bearer } from "./client.ts";
import type { Recorder } from "./recorder.ts";
import type { Population } from "./seed.ts";
import { ORDER_OPEN_TIMEOUT_MS, RATE_AFTER_MS } from "./settings.ts";

export interface Scenario {
  name: string;
  /** Timed operations per run. */
  operations: number;
  /** Share of all operations. */
  share: number;
  /** One run: `n` counts this scenario's runs (who acts, on what); `due` is when it was scheduled. */
  run(recorder: Recorder, population: Population, n: number, due: number): Promise<void>;
}

const at = <T>(list: readonly T[], n: number) => list[n % list.length]!;

const FEED = "{ feed(first: 20) { nodes { id type summary occurredAt actor { id displayName } } } }";
const TRENDING =
  "{ trending(first: 20) { id type summary likeCount commentCount actor { id displayName } } }";
const NOTIFICATIONS = "{ notifications(first: 20) { nodes { id kind createdAt } } unreadNotificationCount }";

const read = (name: string, share: number, query: string): Scenario => ({
  name,
  operations: 1,
  share,
  run: async (recorder, { users }, n, due) => {
    await recorder.timed(name, { query }, bearer(at(users, n).token), due);
  },
});

/** A coach's consultation from the customer's order to the rating (settlement and points follow by events). */
async function orderJourney(recorder: Recorder, population: Population, n: number, due: number) {
  const customer = at(population.users, n);
  const coach: Person = at(population.coaches, n);
  const created = await recorder.timed<{ createServiceOrder: { id: string } }>(
    "createServiceOrder",
    {
      query: "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
      variables: {
        input: {
          serviceType: "consultation",
          specialty: "nutrition",
          region: population.region,
          priceAmount: 19_900,
          minCoachLevel: 1,
          description: "A meal plan for a half marathon.",
        },
      },
    },
    bearer(customer.token),
    due,
  );
  if (!created) return;
  const id = created.createServiceOrder.id;
  // Finance authorizes the payment by events; the customer's app watches the order until it opens.
  const placedAt = performance.now();
  let status = "CREATED";
  while (status === "CREATED" && performance.now() - placedAt < ORDER_OPEN_TIMEOUT_MS) {
    await sleep(100);
    const read = await recorder.timed<{ serviceOrder: { status: string } }>(
      "serviceOrder (status)",
      { query: "query($id: ID!) { serviceOrder(id: $id) { status } }", variables: { id } },
      bearer(customer.token),
    );
    status = read?.serviceOrder.status ?? status;
  }
  recorder.note("order opens (payment saga)", performance.now() - placedAt, status === "OPEN", status);
  if (status !== "OPEN") return;
  const asCoach = bearer(coach.token);
  const grabbed = await recorder.timed(
    "grabOrder",
    { query: "mutation($id: ID!) { grabOrder(orderId: $id) { id } }", variables: { id } },
    asCoach,
  );
  if (!grabbed) return;
  for (const next of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
    const moved = await recorder.timed(
      "updateOrderStatus",
      {
        query:
          "mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status) { status } }",
        variables: { id, status: next },
      },
      asCoach,
    );
    if (!moved) return;
  }
  const confirmed = await recorder.timed(
    "confirmOrderCompletion",
    { query: "mutation($id: ID!) { confirmOrderCompletion(orderId: $id) { status } }", variables: { id } },
    bearer(customer.token),
  );
  if (!confirmed) return;
  // ops learns of the completion from trade's service_completed; a person takes a moment to rate.
  await sleep(RATE_AFTER_MS);
  await recorder.timed(
    "rateCoach",
    {
      query: 'mutation($id: ID!) { rateCoach(orderId: $id, score: 5, comment: "Clear and kind") { id } }',
      variables: { id },
    },
    bearer(customer.token),
  );
}

export const SCENARIOS: Scenario[] = [
  read("feed", 0.28, FEED),
  read("trending", 0.1, TRENDING),
  read("notifications", 0.14, NOTIFICATIONS),
  {
    name: "partner trending (persisted, API key)",
    operations: 1,
    share: 0.05,
    run: async (recorder, { partnerKey, trendingDocumentId }, _n, due) => {
      await recorder.timed(
        "TrendingActivities (partner)",
        { documentId: trendingDocumentId, variables: { first: 20 } },
        { "x-api-key": partnerKey },
        due,
      );
    },
  },
  {
    name: "recordHealthData",
    operations: 1,
    share: 0.14,
    run: async (recorder, { users }, n, due) => {
      await recorder.timed(
        "recordHealthData",
        {
          query:
            "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }",
          variables: { input: { metric: "HEART_RATE", value: 60 + (n % 30), source: "bench-watch" } },
        },
        bearer(at(users, n).token),
        due,
      );
    },
  },
  {
    // The coach a user granted a consent to (seed.ts: user i → coach i mod coaches) reads their records.
    name: "coach reads health data",
    operations: 1,
    share: 0.04,
    run: async (recorder, { users, coaches }, n, due) => {
      const index = n % users.length;
      await recorder.timed(
        "healthRecords (coach, consent)",
        {
          query: "query($id: ID!) { healthRecords(userId: $id, first: 20) { nodes { id metric value } } }",
          variables: { id: users[index]!.id },
        },
        bearer(at(coaches, index).token),
        due,
      );
    },
  },
  {
    // Round robin over users: each speaks once every users/rate seconds, past the room's 3 s slow mode.
    name: "chat in the live room",
    operations: 1,
    share: 0.08,
    run: async (recorder, { users, streamId }, n, due) => {
      await recorder.timed(
        "sendChatMessage",
        {
          query: "mutation($id: ID!, $text: String!) { sendChatMessage(streamId: $id, text: $text) { id } }",
          variables: { id: streamId, text: `stretching along, #${n}` },
        },
        bearer(at(users, n).token),
        due,
      );
    },
  },
  {
    // User n mod U buys course ⌊n / U⌋ mod C: no one buys the same course twice until U × C purchases.
    name: "buy a course",
    operations: 1,
    share: 0.025,
    run: async (recorder, { users, courseIds }, n, due) => {
      await recorder.timed(
        "purchaseCourse",
        {
          query:
            "mutation($id: ID!, $key: String!) { purchaseCourse(courseId: $id, idempotencyKey: $key) { id } }",
          variables: { id: at(courseIds, Math.floor(n / users.length)), key: randomUUID() },
        },
        bearer(at(users, n).token),
        due,
      );
    },
  },
  {
    name: "buy a product",
    operations: 1,
    share: 0.025,
    run: async (recorder, { users, skuIds }, n, due) => {
      await recorder.timed(
        "placeShopOrder",
        {
          query: "mutation($input: PlaceShopOrderInput!) { placeShopOrder(input: $input) { id } }",
          variables: {
            input: { items: [{ skuId: at(skuIds, n), quantity: 1 }], idempotencyKey: randomUUID() },
          },
        },
        bearer(at(users, n).token),
        due,
      );
    },
  },
  // create, grab, two status moves, confirm, rate (the status polls are extra reads, counted apart).
  { name: "order journey", operations: 6, share: 0.12, run: orderJourney },
];
