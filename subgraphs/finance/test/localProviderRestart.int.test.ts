import { randomUUID } from "node:crypto";
import { createLogger } from "@health/platform/logging";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET } from "../src/config.ts";
import { createWebhookDispatcher } from "../src/domain/payments/local/webhookDispatcher.ts";
import { LOCAL_WEBHOOK_PATH } from "../src/routes/paymentWebhooks.ts";
import { CREATE_PAYMENT, type FinanceHarness, type PaymentAnswer, startFinanceSubgraph } from "./harness.ts";

// The local provider's state is in finance's database, not in its process: a webhook it owed when it
// stopped is sent by the next one to start.

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph({ LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "300" });
});
afterAll(async () => {
  await h?.close();
});

it("sends after a restart the authorization webhook it owed, and the payment is AUTHORIZED", async () => {
  const payer = await h.person();
  const result = await h.request<{ createPayment: PaymentAnswer }>(
    CREATE_PAYMENT,
    { input: { idempotencyKey: randomUUID(), amount: 3100, currency: "CNY", reference: "order-9" } },
    payer.token,
  );
  const id = result.data?.createPayment.id ?? "";
  await h.deps.localWebhooks.stop(); // the provider "goes down" before its webhook is due
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await h.db.payment.findUniqueOrThrow({ where: { id } })).status).toBe("CREATED");

  const restarted = createWebhookDispatcher({
    db: h.db,
    secret: DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET,
    url: new URL(LOCAL_WEBHOOK_PATH, h.url).href,
    logger: createLogger("finance-test", "silent"),
  });
  restarted.start();
  try {
    await h.eventually(
      async () => (await h.db.payment.findUniqueOrThrow({ where: { id } })).status,
      (status) => status === "AUTHORIZED",
    );
    // The dispatcher marks it sent once finance answered, a moment after the payment moved.
    const unsent = await h.eventually(
      () => h.db.localProviderWebhook.count({ where: { sentAt: null } }),
      (count) => count === 0,
    );
    expect(unsent).toBe(0);
  } finally {
    await restarted.stop();
  }
});
