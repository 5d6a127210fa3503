import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CREATE_PAYMENT, type FinanceHarness, type PaymentAnswer, startFinanceSubgraph } from "./harness.ts";

// Issue 19's done-when: 1,000 concurrent retries of one payment with one idempotency key make one charge
// at the provider and get 1,000 identical answers; the same key with another amount is CONFLICT.

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph();
});
afterAll(async () => {
  await h?.close();
});

it("1,000 concurrent retries with one key: one charge at the provider, 1,000 identical answers", async () => {
  const payer = await h.person();
  const key = randomUUID();
  const input = { idempotencyKey: key, amount: 4200, currency: "CNY", reference: "order-42" };
  const answers = await Promise.all(
    Array.from({ length: 1000 }, () =>
      h.request<{ createPayment: PaymentAnswer }>(CREATE_PAYMENT, { input }, payer.token),
    ),
  );
  const errors = answers.flatMap((answer) => answer.errors ?? []);
  expect(errors).toEqual([]);
  expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  expect(answers[0]?.data?.createPayment).toMatchObject({ status: "CREATED", amount: 4200 });
  expect(await h.db.payment.count({ where: { payerId: payer.id } })).toBe(1);
  expect(await h.db.localProviderCharge.count({ where: { amount: 4200 } })).toBe(1);

  const other = await h.request(CREATE_PAYMENT, { input: { ...input, amount: 4201 } }, payer.token);
  expect(other.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", idempotencyKey: key });
});
