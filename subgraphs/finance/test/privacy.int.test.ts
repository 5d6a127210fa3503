import { randomUUID } from "node:crypto";
import { orderCancelledV1, orderPaymentRequestedV1, serviceCompletedV1 } from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { prepareEvent } from "@health/platform/events";
import { findTraces, policyGaps } from "@health/platform/privacy";
import {
  deliverEvent,
  eraseThroughSubgraph,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinanceTx } from "../src/db.ts";
import { reconcileDay } from "../src/domain/reconciliation/reconcile.ts";
import { FINANCE_TABLES } from "../src/privacy/policy.ts";
import {
  ADJUST_POINTS,
  CAPTURE_PAYMENT,
  CREATE_PAYMENT,
  type FinanceHarness,
  REFUND_PAYMENT,
  refusal,
  startFinanceSubgraph,
} from "./harness.ts";

// Issue 13, finance's part: a person who paid, was paid as a coach, holds points, sent and received gifts
// and adjusted someone's points as an operator exports all of it and is erased. The books keep every
// amount under the tombstone id and still balance (trial balance and the daily reconciliation), while
// the person's id and words are gone from finance's database.

let h: FinanceHarness;
let target: PrivacyTestTarget;
beforeAll(async () => {
  h = await startFinanceSubgraph({ LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "50" });
  target = { subgraph: "finance", db: h.db, nats: h.deps.nats, bus: h.bus, publish: h.publish };
});
afterAll(() => h?.close());

type Person = Awaited<ReturnType<FinanceHarness["person"]>>;

const CREATE_GIFT = `mutation Create($input: CreateGiftInput!) { createGift(input: $input) { id } }`;
const SEND_GIFT = `mutation Send($input: SendGiftInput!) { sendGift(input: $input) { id } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id pointsBalance } } }`;

/** Runs `query` as `who` and fails the test on any error. */
async function ok<T = Record<string, unknown>>(query: string, variables: object, who: Person) {
  const result = await h.request<T>(query, variables as Record<string, unknown>, who.token);
  if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

async function send<E extends EventDefinition>(event: E, payload: EventPayload<E>, aggregateId: string) {
  const { envelope } = prepareEvent(event, payload, { aggregateId });
  await h.publish(event, envelope);
}

const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) => h.eventually(read, done);

/** A trade order paid by `customer` and served by `coach`, as trade's events drive it: captured and settled. */
async function servedOrder(customerId: string, coachId: string, amount: number) {
  const orderId = randomUUID();
  const now = () => new Date().toISOString();
  const request = { requestId: orderId, orderId, customerId, amount, currency: "CNY", requestedAt: now() };
  await send(orderPaymentRequestedV1, request, orderId);
  await until(
    () => h.db.payment.findUnique({ where: { id: orderId } }),
    (payment) => payment?.status === "AUTHORIZED",
  );
  const completion = {
    orderId,
    userId: customerId,
    healthWorkerId: coachId,
    completionTime: now(),
    rating: null,
    priceAmount: amount,
    currency: "CNY",
  };
  await send(serviceCompletedV1, completion, orderId);
  const settlement = await until(
    () => h.db.settlement.findUnique({ where: { orderId } }),
    (row) => row !== null,
  );
  return { orderId, settlementId: settlement!.id };
}

/** A direct payment `payer` made with their own reference, authorized by the local provider. */
async function directPayment(payer: Person, reference: string, amount: number) {
  const input = { idempotencyKey: randomUUID(), amount, currency: "CNY", reference };
  const created = await ok<{ createPayment: { id: string } }>(CREATE_PAYMENT, { input }, payer);
  const id = created.createPayment.id;
  await until(
    () => h.db.payment.findUniqueOrThrow({ where: { id } }),
    (payment) => payment.status === "AUTHORIZED",
  );
  return id;
}

/** Every unit's balances and entries: both sum to zero, and every balance equals its entries. */
const trialBalance = () =>
  h.db.$queryRawUnsafe<Array<{ unit: string; balances: string; mismatched: number }>>(
    `SELECT a.unit, sum(a.balance)::text AS balances,
            count(*) FILTER (WHERE a.balance <> coalesce(e.total, 0))::int AS mismatched
       FROM ledger_accounts a
       LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) e
         ON e.account_id = a.id
      GROUP BY a.unit ORDER BY a.unit`,
  );
const unbalancedTransfers = async () =>
  (
    await h.db.$queryRawUnsafe<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM (SELECT transfer_id FROM ledger_entries GROUP BY transfer_id
        HAVING sum(amount) <> 0) t`,
    )
  )[0]?.count;

const ids = (items: readonly unknown[] | undefined, key = "id") =>
  (items ?? []).map((item) => (item as Record<string, string>)[key]).sort();

interface Seeded {
  erin: Person;
  olga: Person;
  ada: Person;
  reference: string;
  message: string;
  asCustomer: { orderId: string; settlementId: string };
  asCoach: { orderId: string; settlementId: string };
  direct: string;
  olgasPayment: string;
  giftSent: string;
  giftReceived: string;
  adjustment: string;
}

/**
 * Erin pays for an order Carl serves and for something of her own (partly refunded), serves Olga's order
 * as a coach, gets points from an operator and from completing an order, sends Carl a gift and gets
 * one from Olga, and as an operator adjusts Olga's points. Olga and Carl have their own books.
 */
async function seed(): Promise<Seeded> {
  const erin = await h.person(["user", "coach", "admin"]);
  const olga = await h.person();
  const carl = await h.person(["coach"]);
  const ada = await h.person(["user", "admin"]);
  const reference = `Erin's gym membership ${randomUUID()}`;
  const message = `Thank you from Erin ${randomUUID()}`;

  const asCustomer = await servedOrder(erin.id, carl.id, 19_900);
  const asCoach = await servedOrder(olga.id, erin.id, 30_000);
  const direct = await directPayment(erin, reference, 5_000);
  await ok(CAPTURE_PAYMENT, { id: direct, key: randomUUID() }, ada);
  await ok(REFUND_PAYMENT, { id: direct, key: randomUUID(), amount: 1_000 }, ada);
  const olgasPayment = await directPayment(olga, "Olga's yoga mat", 2_000);

  await ok(ADJUST_POINTS, { userId: erin.id, amount: 1_000, reason: "welcome bonus" }, ada);
  await ok(ADJUST_POINTS, { userId: olga.id, amount: 1_000, reason: "welcome bonus" }, ada);
  const adjusted = await ok<{ adjustPoints: { id: string } }>(
    ADJUST_POINTS,
    { userId: olga.id, amount: 5, reason: "goodwill" },
    erin,
  );
  const gift = await ok<{ createGift: { id: string } }>(
    CREATE_GIFT,
    { input: { name: "Rose", iconUrl: "https://example.com/rose.png", pricePoints: 10 } },
    ada,
  );
  const giftId = gift.createGift.id;
  const sent = await ok<{ sendGift: { id: string } }>(
    SEND_GIFT,
    { input: { giftId, recipientId: carl.id, quantity: 2, message, idempotencyKey: randomUUID() } },
    erin,
  );
  const received = await ok<{ sendGift: { id: string } }>(
    SEND_GIFT,
    { input: { giftId, recipientId: erin.id, quantity: 1, idempotencyKey: randomUUID() } },
    olga,
  );
  const adjustment = await h.db.ledgerTransfer.findFirstOrThrow({ where: { actorId: erin.id } });
  expect(adjusted.adjustPoints.id).toBeDefined();
  return {
    erin,
    olga,
    ada,
    reference,
    message,
    asCustomer,
    asCoach,
    direct,
    olgasPayment,
    giftSent: sent.sendGift.id,
    giftReceived: received.sendGift.id,
    adjustment: adjustment.id,
  };
}

let s: Seeded;

describe("finance's data-subject rights", () => {
  it("has an erasure policy for every table, and for no table it does not have", async () => {
    expect(await policyGaps(h.db, FINANCE_TABLES)).toEqual({ unnamed: [], absent: [] });
  });

  it("exports the person's accounts, entries, payments, refunds, gifts, settlements, orders and adjustments, and nobody else's", async () => {
    s = await seed();
    const { part, answer } = await exportThroughSubgraph(target, s.erin.id);
    const sections = part.sections;
    const accounts = await h.db.ledgerAccount.findMany({ where: { owner: s.erin.id } });
    expect(ids(sections.accounts)).toEqual(accounts.map((account) => account.id).sort());
    expect(sections.accounts).toContainEqual(
      expect.objectContaining({ kind: "USER_POINTS", unit: "POINTS", balance: expect.any(String) }),
    );
    expect(sections.accounts).toContainEqual(
      expect.objectContaining({ kind: "COACH_PAYABLE", unit: "CNY", balance: expect.any(String) }),
    );
    const entries = await h.db.ledgerEntry.findMany({ where: { account: { owner: s.erin.id } } });
    expect(ids(sections.ledgerEntries)).toEqual(entries.map((entry) => entry.id).sort());
    expect(ids(sections.payments)).toEqual([s.asCustomer.orderId, s.direct].sort());
    expect(sections.payments).toContainEqual(
      expect.objectContaining({ id: s.direct, reference: s.reference, refundedAmount: 1_000 }),
    );
    expect(sections.refunds).toEqual([expect.objectContaining({ paymentId: s.direct, amount: "1000" })]);
    expect(ids(sections.giftsSent)).toEqual([s.giftSent]);
    expect(sections.giftsSent![0]).toMatchObject({ message: s.message, points: 20 });
    expect(ids(sections.giftsReceived)).toEqual([s.giftReceived]);
    expect(ids(sections.settlements)).toEqual([s.asCoach.settlementId]);
    expect(sections.orders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orderId: s.asCustomer.orderId, role: "CUSTOMER" }),
        expect.objectContaining({ orderId: s.asCoach.orderId, role: "COACH" }),
      ]),
    );
    expect(ids(sections.adjustmentsMade, "transferId")).toEqual([s.adjustment]);
    const text = JSON.stringify(part);
    for (const other of [s.olgasPayment, s.asCustomer.settlementId, "Olga's yoga mat"]) {
      expect(text).not.toContain(other);
    }
    expect(answer.sections).toEqual(
      Object.fromEntries(Object.entries(sections).map(([name, items]) => [name, items.length])),
    );
  });

  it("erases the person: the books keep every amount under the tombstone and still balance, their words and id are gone", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const balanceBefore = await trialBalance();
    const accountsBefore = await h.db.ledgerAccount.findMany({
      where: { owner: s.erin.id },
      orderBy: { id: "asc" },
    });
    const entries = await h.db.ledgerEntry.count({ where: { account: { owner: s.erin.id } } });
    const olgaBefore = await h.db.ledgerAccount.findMany({
      where: { owner: s.olga.id },
      orderBy: { id: "asc" },
    });
    const settledBefore = await h.db.settlement.findUniqueOrThrow({ where: { id: s.asCoach.settlementId } });
    const firstRun = await reconcileDay(h.deps, today, new Date());
    expect(firstRun).toMatchObject({ found: 0, ordersCompared: 2, paymentsCompared: 2 });

    const erased = await eraseThroughSubgraph(target, s.erin.id);
    const { tombstoneId } = erased;
    expect(erased.tables).toEqual(
      expect.arrayContaining([
        { table: "ledger_accounts", action: "TOMBSTONED", rows: accountsBefore.length },
        { table: "ledger_entries", action: "TOMBSTONED", rows: entries },
        // Erin's adjustment (actor), her gift's source reference (sender), Olga's gift's reason (recipient).
        { table: "ledger_transfers", action: "TOMBSTONED", rows: 3 },
        { table: "payments", action: "TOMBSTONED", rows: 2 },
        { table: "settlements", action: "TOMBSTONED", rows: 1 },
        { table: "gift_orders", action: "TOMBSTONED", rows: 2 },
        { table: "trade_orders", action: "TOMBSTONED", rows: 2 },
        // Erin's own two keys; Ada's stored answers to her capture and refund of Erin's payment, and
        // Olga's to her gift to Erin.
        { table: "idempotency_keys", action: "DELETED", rows: 5 },
      ]),
    );
    expect(await findTraces(h.db, [s.erin.id, s.reference, s.message])).toEqual([]);

    // The books: the same balances per unit (zero) with every balance equal to its entries, every
    // transfer balanced, the person's accounts kept whole under the tombstone, and the daily
    // reconciliation finds nothing new.
    expect(await trialBalance()).toEqual(balanceBefore);
    expect(balanceBefore.every((unit) => unit.balances === "0" && unit.mismatched === 0)).toBe(true);
    expect(await unbalancedTransfers()).toBe(0);
    const accountsAfter = await h.db.ledgerAccount.findMany({
      where: { id: { in: accountsBefore.map((account) => account.id) } },
      orderBy: { id: "asc" },
    });
    expect(accountsAfter).toEqual(accountsBefore.map((account) => ({ ...account, owner: tombstoneId })));
    expect(await h.db.settlement.findUniqueOrThrow({ where: { id: s.asCoach.settlementId } })).toEqual({
      ...settledBefore,
      coachId: tombstoneId,
    });
    const direct = await h.db.payment.findUniqueOrThrow({ where: { id: s.direct } });
    expect(direct).toMatchObject({
      payerId: tombstoneId,
      reference: "",
      capturedAmount: 5_000,
      refundedAmount: 1_000,
    });
    expect(await h.db.payment.findUniqueOrThrow({ where: { id: s.asCustomer.orderId } })).toMatchObject({
      payerId: tombstoneId,
      reference: `service_order:${s.asCustomer.orderId}`,
    });
    expect(await h.db.giftOrder.findUniqueOrThrow({ where: { id: s.giftSent } })).toMatchObject({
      senderId: tombstoneId,
      message: null,
      points: 20,
    });
    const secondRun = await reconcileDay(h.deps, today, new Date());
    // The same orders and payments compared, and nothing found: the tombstoned order records and payments
    // still match each other.
    expect(secondRun).toMatchObject({ found: 0, alreadyFlagged: 0, ordersCompared: 2, paymentsCompared: 2 });

    // Olga's books are untouched; the erased id holds nothing any more.
    expect(
      await h.db.ledgerAccount.findMany({ where: { owner: s.olga.id }, orderBy: { id: "asc" } }),
    ).toEqual(olgaBefore);
    expect(await h.db.payment.findUniqueOrThrow({ where: { id: s.olgasPayment } })).toMatchObject({
      payerId: s.olga.id,
      reference: "Olga's yoga mat",
    });
    const entity = await ok<{ _entities: unknown[] }>(
      ENTITIES,
      { reps: [{ __typename: "User", id: s.erin.id }] },
      s.ada,
    );
    expect(entity._entities).toEqual([{ id: s.erin.id, pointsBalance: 0 }]);

    // A second erasure of the same person (a redelivery under a new event id) finds nothing left.
    const again = await eraseThroughSubgraph(target, s.erin.id, { erasureId: erased.erasureId, tombstoneId });
    expect(again.tables.filter((table) => table.rows > 0)).toEqual([]);
    expect(await trialBalance()).toEqual(balanceBefore);
  });

  it("lets the books' guards through only the erasure's own rewrite of the person's id", async () => {
    const [person, tombstone, stranger] = [randomUUID(), randomUUID(), randomUUID()];
    await ok(ADJUST_POINTS, { userId: person, amount: 7, reason: `for ${person}` }, s.ada);
    const account = await h.db.ledgerAccount.findFirstOrThrow({ where: { owner: person } });
    const transfer = await h.db.ledgerTransfer.findFirstOrThrow({ where: { reason: `for ${person}` } });
    const asErasure = (work: (tx: FinanceTx) => Promise<unknown>) =>
      h.db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe(
          `SELECT set_config('finance.erasure_subject', $1, true), set_config('finance.erasure_tombstone', $2, true)`,
          person,
          tombstone,
        );
        return work(tx);
      });
    const toOwner = (owner: string) => (tx: FinanceTx) =>
      tx.ledgerAccount.update({ where: { id: account.id }, data: { owner } });
    // Outside an erasure nothing changes; inside one, only the person's id, and only to the tombstone.
    expect(await refusal(toOwner(tombstone)(h.db))).toContain("ledger_account_fixed");
    expect(
      await refusal(h.db.payment.update({ where: { id: s.olgasPayment }, data: { payerId: tombstone } })),
    ).toContain("payment_fixed");
    expect(await refusal(asErasure(toOwner(stranger)))).toContain("ledger_account_fixed");
    const rewrite = (reason: string) => (tx: FinanceTx) =>
      tx.ledgerTransfer.update({ where: { id: transfer.id }, data: { reason } });
    expect(await refusal(asErasure(rewrite("x")))).toContain("ledger_append_only");
    expect(
      await refusal(asErasure((tx) => tx.$executeRawUnsafe(`UPDATE ledger_entries SET amount = amount * 2`))),
    ).toContain("ledger_append_only");
    await asErasure(async (tx) => {
      await toOwner(tombstone)(tx);
      await rewrite(`for ${tombstone}`)(tx);
    });
    expect(await h.db.ledgerAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      owner: tombstone,
      balance: 7n,
    });
  });

  it("makes nothing from a late event about an erased person, and posts one settling money taken under the tombstone", async () => {
    const at = new Date().toISOString();
    const request = (customerId: string) => {
      const orderId = randomUUID();
      return { requestId: orderId, orderId, customerId, amount: 500, currency: "CNY", requestedAt: at };
    };
    const erins = request(s.erin.id);
    await deliverEvent(target, orderPaymentRequestedV1, erins);
    expect(await h.db.payment.findUnique({ where: { id: erins.orderId } })).toBeNull();

    // Pat's order is paid for (held), then Pat is erased; trade's erasure cancels the order, and its
    // order_cancelled reaches finance after finance's erasure: the hold is still voided, under the tombstone.
    const pat = await h.person();
    const pats = request(pat.id);
    await deliverEvent(target, orderPaymentRequestedV1, pats);
    await until(
      () => h.db.payment.findUnique({ where: { id: pats.orderId } }),
      (payment) => payment?.status === "AUTHORIZED",
    );
    const { tombstoneId } = await eraseThroughSubgraph(target, pat.id);
    await deliverEvent(target, orderCancelledV1, {
      orderId: pats.orderId,
      customerId: pat.id,
      status: "CANCELLED",
      reason: "the customer's account was erased",
      cancelledAt: new Date().toISOString(),
    });
    const voided = await until(
      () => h.db.payment.findUnique({ where: { id: pats.orderId } }),
      (payment) => payment?.status === "VOIDED",
    );
    expect(voided).toMatchObject({ status: "VOIDED", payerId: tombstoneId });
    expect(await h.db.tradeOrder.findUnique({ where: { orderId: pats.orderId } })).toMatchObject({
      customerId: tombstoneId,
      status: "CANCELLED",
    });
    expect(await findTraces(h.db, [pat.id, s.erin.id])).toEqual([]);

    // Olga, who was not erased, still gets her payment.
    const olgas = request(s.olga.id);
    await deliverEvent(target, orderPaymentRequestedV1, olgas);
    await until(
      () => h.db.payment.findUnique({ where: { id: olgas.orderId } }),
      (payment) => payment?.status === "AUTHORIZED",
    );
  });
});
