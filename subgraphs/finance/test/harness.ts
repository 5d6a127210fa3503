import { loadConfig } from "@health/platform/config";
import { postgresFailure } from "@health/platform/prisma";
import { eventually, startSubgraphHarness } from "@health/platform/testing";
import { financeConfigSchema } from "../src/config.ts";
import { connectFinance } from "../src/connect.ts";
import { LOCAL_WEBHOOK_PATH } from "../src/routes/paymentWebhooks.ts";
import { financeSubgraph } from "../src/subgraph.ts";

/**
 * The finance subgraph on a free port over its own fresh database, with a real token issuer, its outbox
 * relay and its consumer on streams of its own (a random prefix, deleted at close). The local payment
 * provider sends its webhooks to this subgraph's port.
 */
export async function startFinanceSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    definition: financeSubgraph,
    loadConfig: (config) => loadConfig(financeConfigSchema, config),
    connect: connectFinance,
    env,
  });
  harness.deps.localWebhooks.deliverTo(new URL(LOCAL_WEBHOOK_PATH, harness.url).href);
  return { ...harness, db: harness.deps.db, databaseUrl: harness.config.DATABASE_URL, eventually };
}

export type FinanceHarness = Awaited<ReturnType<typeof startFinanceSubgraph>>;

/** The database's refusal of `work` (the text its trigger raised), or "not refused". */
export const refusal = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
  } catch (error) {
    return postgresFailure(error).text;
  }
  return "not refused";
};

export const POINTS_BALANCE = `query Balance($userId: ID) { pointsBalance(userId: $userId) }`;
export const POINTS_HISTORY = `query History($userId: ID, $first: Int, $after: String) {
  pointsHistory(userId: $userId, first: $first, after: $after) {
    nodes { id points kind reason } pageInfo { endCursor hasNextPage }
  }
}`;
export const ADJUST_POINTS = `mutation Adjust($userId: ID!, $amount: Int!, $reason: String!) {
  adjustPoints(userId: $userId, amount: $amount, reason: $reason) { id points kind reason }
}`;

const PAYMENT_FIELDS =
  "id payerId amount currency reference status capturedAmount refundedAmount provider failureReason";
export const CREATE_PAYMENT = `mutation Create($input: CreatePaymentInput!) { createPayment(input: $input) { ${PAYMENT_FIELDS} } }`;
export const PAYMENT = `query Payment($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} } }`;
export const PAYMENTS = `query Payments($payerId: ID, $first: Int, $after: String) {
  payments(payerId: $payerId, first: $first, after: $after) { nodes { id status } pageInfo { endCursor hasNextPage } }
}`;
export const CAPTURE_PAYMENT = `mutation Capture($id: ID!, $key: String!) { capturePayment(id: $id, idempotencyKey: $key) { ${PAYMENT_FIELDS} } }`;
export const REFUND_PAYMENT = `mutation Refund($id: ID!, $key: String!, $amount: Int) {
  refundPayment(id: $id, idempotencyKey: $key, amount: $amount) { ${PAYMENT_FIELDS} }
}`;
export const VOID_PAYMENT = `mutation Void($id: ID!, $key: String!) { voidPayment(id: $id, idempotencyKey: $key) { ${PAYMENT_FIELDS} } }`;

export interface PaymentAnswer {
  id: string;
  payerId: string;
  amount: number;
  currency: string;
  status: string;
  capturedAmount: number;
  refundedAmount: number;
  failureReason: string | null;
}
