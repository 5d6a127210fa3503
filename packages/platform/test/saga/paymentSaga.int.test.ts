import { randomUUID } from "node:crypto";
import { paymentFailedV1, paymentSuccessV1 } from "@health/events/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEvent } from "../../src/events/publishEvent.ts";
import type { SqlExecutor } from "../../src/events/sql.ts";
import { definePaidPurchaseSaga, paymentReplyHandlers } from "../../src/saga/paymentSaga.ts";
import { expireOverdueSagas, startSaga } from "../../src/saga/sagaRunner.ts";
import { readSaga, SAGA_TABLE_SQL } from "../../src/saga/sagaTable.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

// A purchase paid at once through finance, over a real Postgres: `purchases` holds the purchase's status
// and `journal` the commands the saga wrote (the request to finance, the cancellation), as outbox rows
// would be; finance's answers go through the consumer handlers `paymentReplyHandlers` makes.

let database: EventsTestDatabase;
beforeAll(async () => {
  database = await createEventsTestDatabase({
    prefix: "paysaga_t",
    maxConnections: 10,
    extraSql: `${SAGA_TABLE_SQL}
      CREATE TABLE purchases (id UUID PRIMARY KEY, status TEXT NOT NULL, failure TEXT);
      CREATE TABLE journal (id SERIAL PRIMARY KEY, purchase_id UUID NOT NULL, entry TEXT NOT NULL);`,
  });
});
afterAll(async () => {
  await database?.close();
});

interface Purchase {
  purchaseId: string;
  payerId: string;
  amount: number;
}

const write = (tx: SqlExecutor, id: string, entry: string) =>
  tx.$executeRawUnsafe("INSERT INTO journal (purchase_id, entry) VALUES ($1::uuid, $2)", id, entry);
const move = async (tx: SqlExecutor, id: string, status: string, failure: string | null = null) =>
  (await tx.$executeRawUnsafe(
    "UPDATE purchases SET status = $2, failure = $3 WHERE id = $1::uuid AND status = 'PENDING'",
    id,
    status,
    failure,
  )) > 0;

const saga = definePaidPurchaseSaga<Purchase>({
  name: "test_purchase",
  paymentTimeoutMs: 60_000,
  requestPayment: (tx, data) => write(tx, data.purchaseId, `request ${data.amount}`).then(() => undefined),
  markFailed: (tx, data, reason) => move(tx, data.purchaseId, "FAILED", reason),
  cancelPayment: (tx, data, reason) => write(tx, data.purchaseId, `cancel (${reason})`).then(() => undefined),
  grant: (tx, data) => move(tx, data.purchaseId, "PAID"),
});
const handlers = paymentReplyHandlers("biz", saga);
const T0 = new Date("2026-12-07T10:00:00Z");

async function purchased(): Promise<Purchase> {
  const data = { purchaseId: randomUUID(), payerId: randomUUID(), amount: 900 };
  await database.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      "INSERT INTO purchases (id, status) VALUES ($1::uuid, 'PENDING')",
      data.purchaseId,
    );
    await startSaga(saga, { tx, now: T0, afterCommit: () => undefined }, data.purchaseId, data);
  });
  return data;
}

/** Delivers finance's answer to the handlers, as the consumer would (in one transaction). */
async function answer(purchase: Purchase, requester: "biz" | "content", declined?: string) {
  const common = {
    paymentId: purchase.purchaseId,
    requestId: purchase.purchaseId,
    requester,
    payerId: purchase.payerId,
  };
  const now = new Date().toISOString();
  const meta = { aggregateId: purchase.purchaseId };
  const envelope = declined
    ? prepareEvent(paymentFailedV1, { ...common, reason: declined, failedAt: now }, meta).envelope
    : prepareEvent(
        paymentSuccessV1,
        { ...common, reference: "x", amount: purchase.amount, currency: "CNY", paidAt: now },
        meta,
      ).envelope;
  const handler = handlers.find((registration) => registration.event.name === envelope.name);
  await database.db.$transaction((tx) => handler!.handle(tx, envelope, { afterCommit: () => undefined }));
}

const stateOf = async (purchase: Purchase) => {
  const [row] = await database.db.$queryRawUnsafe<Array<{ status: string; failure: string | null }>>(
    "SELECT status, failure FROM purchases WHERE id = $1::uuid",
    purchase.purchaseId,
  );
  const journal = await database.db.$queryRawUnsafe<Array<{ entry: string }>>(
    "SELECT entry FROM journal WHERE purchase_id = $1::uuid ORDER BY id",
    purchase.purchaseId,
  );
  return { ...row, journal: journal.map((entry) => entry.entry) };
};

describe("definePaidPurchaseSaga and paymentReplyHandlers", () => {
  it("asks finance once and grants on its requester's payment_success; another requester's answer is not its", async () => {
    const purchase = await purchased();
    await answer(purchase, "content");
    expect(await stateOf(purchase)).toMatchObject({ status: "PENDING", journal: ["request 900"] });
    await answer(purchase, "biz");
    expect(await stateOf(purchase)).toMatchObject({ status: "PAID", journal: ["request 900"] });
    expect(await readSaga(database.db, purchase.purchaseId)).toMatchObject({ status: "COMPLETED" });
  });

  it("fails with the reason and writes the cancellation on payment_failed", async () => {
    const purchase = await purchased();
    await answer(purchase, "biz", "card_declined");
    const reason = "the payment was declined (card_declined)";
    expect(await stateOf(purchase)).toEqual({
      status: "FAILED",
      failure: reason,
      journal: ["request 900", `cancel (${reason})`],
    });
  });

  it("times out, and a capture that comes after neither grants nor cancels twice", async () => {
    const purchase = await purchased();
    await expireOverdueSagas(saga, database.db, new Date(T0.getTime() + 60_000));
    await answer(purchase, "biz");
    expect(await stateOf(purchase)).toEqual({
      status: "FAILED",
      failure: "take_payment timed out",
      journal: ["request 900", "cancel (take_payment timed out)"],
    });
  });
});
