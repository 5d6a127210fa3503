import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET } from "../src/config.ts";
import { signWebhook } from "../src/domain/payments/local/webhookSignature.ts";
import { LOCAL_WEBHOOK_PATH } from "../src/routes/paymentWebhooks.ts";
import {
  CAPTURE_PAYMENT,
  CREATE_PAYMENT,
  type FinanceHarness,
  PAYMENT,
  PAYMENTS,
  type PaymentAnswer,
  REFUND_PAYMENT,
  startFinanceSubgraph,
  VOID_PAYMENT,
} from "./harness.ts";

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph({ LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "50" });
});
afterAll(async () => {
  await h?.close();
});

type Person = Awaited<ReturnType<FinanceHarness["person"]>>;

const pay = async (payer: Person, amount: number, key = randomUUID()) => {
  const result = await h.request<{ createPayment: PaymentAnswer }>(
    CREATE_PAYMENT,
    { input: { idempotencyKey: key, amount, currency: "CNY", reference: "order-1" } },
    payer.token,
  );
  expect(result.errors).toBeUndefined();
  return result.data?.createPayment as PaymentAnswer;
};

const statusOf = async (id: string) => (await h.db.payment.findUniqueOrThrow({ where: { id } })).status;
const settled = async (id: string, status: string) =>
  expect(
    await h.eventually(
      () => statusOf(id),
      (now) => now === status,
    ),
  ).toBe(status);

const balanceOf = async (owner: string, kind: "PROVIDER_CLEARING" | "PLATFORM_REVENUE") =>
  Number(
    (await h.db.ledgerAccount.findUnique({ where: { owner_kind_unit: { owner, kind, unit: "CNY" } } }))
      ?.balance ?? 0,
  );

const sendWebhook = (body: string, signature: string) =>
  fetch(new URL(LOCAL_WEBHOOK_PATH, h.url), {
    method: "POST",
    headers: { "content-type": "application/json", "local-payments-signature": signature },
    body,
  });

describe("payments with the local provider", () => {
  it("is CREATED at once, AUTHORIZED by the provider's webhook, then captured and refunded through the ledger", async () => {
    const payer = await h.person();
    const admin = await h.person(["admin"]);
    const created = await pay(payer, 5000);
    expect(created).toMatchObject({ status: "CREATED", amount: 5000, currency: "CNY", payerId: payer.id });
    await settled(created.id, "AUTHORIZED");
    const [clearing0, revenue0] = [
      await balanceOf("provider:local", "PROVIDER_CLEARING"),
      await balanceOf("platform", "PLATFORM_REVENUE"),
    ];

    const captured = await h.request<{ capturePayment: PaymentAnswer }>(
      CAPTURE_PAYMENT,
      { id: created.id, key: "c1" },
      admin.token,
    );
    expect(captured.errors).toBeUndefined();
    expect(captured.data?.capturePayment).toMatchObject({ status: "CAPTURED", capturedAmount: 5000 });
    expect(await balanceOf("platform", "PLATFORM_REVENUE")).toBe(revenue0 + 5000);
    expect(await balanceOf("provider:local", "PROVIDER_CLEARING")).toBe(clearing0 - 5000);

    const partial = await h.request<{ refundPayment: PaymentAnswer }>(
      REFUND_PAYMENT,
      { id: created.id, key: "r1", amount: 2000 },
      admin.token,
    );
    expect(partial.data?.refundPayment).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 2000 });
    // The same key again: the first answer, no second refund.
    const again = await h.request<{ refundPayment: PaymentAnswer }>(
      REFUND_PAYMENT,
      { id: created.id, key: "r1", amount: 2000 },
      admin.token,
    );
    expect(again.data).toEqual(partial.data);
    const rest = await h.request<{ refundPayment: PaymentAnswer }>(
      REFUND_PAYMENT,
      { id: created.id, key: "r2" },
      admin.token,
    );
    expect(rest.data?.refundPayment).toMatchObject({ status: "REFUNDED", refundedAmount: 5000 });
    expect(await balanceOf("platform", "PLATFORM_REVENUE")).toBe(revenue0);
    const charge = await h.db.localProviderCharge.findUniqueOrThrow({ where: { paymentId: created.id } });
    expect(charge).toMatchObject({ status: "CAPTURED", capturedAmount: 5000, refundedAmount: 5000 });
  });

  it("ends FAILED when the provider declines the authorization", async () => {
    const payer = await h.person();
    const created = await pay(payer, 1666);
    expect(created.status).toBe("CREATED");
    await settled(created.id, "FAILED");
    const read = await h.request<{ payment: PaymentAnswer }>(PAYMENT, { id: created.id }, payer.token);
    expect(read.data?.payment).toMatchObject({ status: "FAILED", failureReason: "card_declined" });
  });

  it("refuses illegal moves with CONFLICT naming the current state, and replays the refusal under its key", async () => {
    const payer = await h.person();
    const admin = await h.person(["admin"]);
    const created = await pay(payer, 700);
    await settled(created.id, "AUTHORIZED");
    const refund = await h.request(
      REFUND_PAYMENT,
      { id: created.id, key: "early", amount: 100 },
      admin.token,
    );
    expect(refund.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "AUTHORIZED" });
    const voided = await h.request<{ voidPayment: PaymentAnswer }>(
      VOID_PAYMENT,
      { id: created.id, key: "v" },
      admin.token,
    );
    expect(voided.data?.voidPayment.status).toBe("VOIDED");
    const capture = await h.request(CAPTURE_PAYMENT, { id: created.id, key: "late" }, admin.token);
    expect(capture.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "VOIDED" });
    expect(capture.errors?.[0]?.message).toContain("VOIDED");
    const replayed = await h.request(CAPTURE_PAYMENT, { id: created.id, key: "late" }, admin.token);
    expect(replayed.errors).toEqual(capture.errors);
    const payerTries = await h.request(CAPTURE_PAYMENT, { id: created.id, key: "mine" }, payer.token);
    expect(payerTries.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("answers the same key with another amount with CONFLICT naming the key, and charges once", async () => {
    const payer = await h.person();
    const key = randomUUID();
    const first = await pay(payer, 900, key);
    const other = await h.request(
      CREATE_PAYMENT,
      { input: { idempotencyKey: key, amount: 901, currency: "CNY", reference: "order-1" } },
      payer.token,
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", idempotencyKey: key });
    expect(other.errors?.[0]?.message).toContain(key);
    expect(await h.db.payment.count({ where: { payerId: payer.id } })).toBe(1);
    expect((await pay(payer, 900, key)).id).toBe(first.id);
  });

  it("ignores a webhook with a forged signature and a replayed one", async () => {
    const payer = await h.person();
    const created = await pay(payer, 1666); // declined: its genuine webhook says FAILED
    await settled(created.id, "FAILED");
    const sent = await h.db.localProviderWebhook.findMany({ where: { body: { contains: created.id } } });
    expect(sent).toHaveLength(1);
    const genuine = sent[0]?.body ?? "";
    const { data } = JSON.parse(genuine) as { data: { providerRef: string } };

    const forged = JSON.stringify({
      id: randomUUID(),
      type: "authorization.succeeded",
      data: { paymentId: created.id, providerRef: data.providerRef, reason: null },
    });
    const forgedAnswer = await sendWebhook(forged, signWebhook("not-the-secret-at-all", forged, new Date()));
    expect(forgedAnswer.status).toBe(400);
    const unsigned = await sendWebhook(forged, "");
    expect(unsigned.status).toBe(400);

    const replay = await sendWebhook(
      genuine,
      signWebhook(DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET, genuine, new Date()),
    );
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ outcome: "duplicate" });
    expect(await statusOf(created.id)).toBe("FAILED");
    expect(await h.db.paymentWebhookEvent.count({ where: { eventId: JSON.parse(genuine).id } })).toBe(1);
  });

  it("shows a payment to its payer and admins only", async () => {
    const [payer, other, admin] = [await h.person(), await h.person(), await h.person(["admin"])];
    const created = await pay(payer, 1200);
    const theirs = await h.request(PAYMENT, { id: created.id }, other.token);
    expect(theirs.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(theirs.data?.payment ?? null).toBeNull();
    const list = await h.request(PAYMENTS, { payerId: payer.id }, other.token);
    expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const mine = await h.request<{ payments: { nodes: Array<{ id: string }> } }>(PAYMENTS, {}, payer.token);
    expect(mine.data?.payments.nodes.map((node) => node.id)).toEqual([created.id]);
    const asAdmin = await h.request<{ payment: PaymentAnswer }>(PAYMENT, { id: created.id }, admin.token);
    expect(asAdmin.data?.payment.id).toBe(created.id);
    const anonymous = await h.request(PAYMENT, { id: created.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("rejects bad input before any write, naming the field", async () => {
    const payer = await h.person();
    const result = await h.request(
      CREATE_PAYMENT,
      { input: { idempotencyKey: "k", amount: 0, currency: "CNY", reference: "x" } },
      payer.token,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.amount" });
    expect(await h.db.payment.count({ where: { payerId: payer.id } })).toBe(0);
  });
});
