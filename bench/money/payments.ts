// (2) Payment latency through the router: `createPayment` (finance, a fresh idempotency key each) as a
// client sends it, closed loop at each of PAYMENT_CONCURRENCIES, against `pointsBalance` (a trivial
// read down to finance through the same router) and `{ __typename }` (the router alone).
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { join } from "node:path";
import { graphqlClient } from "../../router/test/support/graphqlClient.ts";
import { type Person, signUp } from "../../router/test/support/people.ts";
import { drive, type LoadResult } from "../gateway/drive.ts";
import { cpuSeconds } from "../gateway/processStats.ts";
import { startChild } from "../live/childProcess.ts";
import type { PlatformCounts, PlatformReport, PlatformRequest } from "./platformChild.ts";
import { PAYMENT_CONCURRENCIES, PAYMENT_SECONDS, PAYMENT_WARMUP_SECONDS } from "./settings.ts";

export type PaymentOperation = "typename" | "pointsBalance" | "createPayment";

export interface PaymentRow {
  operation: PaymentOperation;
  concurrency: number;
  load: LoadResult;
  /** Payments in finance's database written during the measured seconds (createPayment only). */
  written: number | null;
  /** Rejections no code handled in the platform's process during the row (see platformChild.ts). */
  unhandledRejections: number;
  firstUnhandled: string | null;
  /** CPU of the platform's process (router and subgraphs share its one event loop), in cores. */
  platformCores: number;
}

const CREATE = `mutation($input: CreatePaymentInput!) { createPayment(input: $input) { id status amount } }`;

const bodyOf: Record<PaymentOperation, () => string> = {
  typename: () => JSON.stringify({ query: "{ __typename }" }),
  pointsBalance: () => JSON.stringify({ query: "query { pointsBalance }" }),
  createPayment: () =>
    JSON.stringify({
      query: CREATE,
      variables: {
        input: { idempotencyKey: randomUUID(), amount: 1_999, currency: "CNY", reference: "bench-order" },
      },
    }),
};

/**
 * One payer per connection at the largest concurrency, taken in turn: the router shares identical
 * in-flight reads by one token (`dedupeSubgraphRequests`), which one token would turn into a cache.
 */
async function payers(url: string, count: number): Promise<Person[]> {
  const request = graphqlClient(url);
  const people: Person[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Math.min(8, count - i);
    people.push(...(await Promise.all(Array.from({ length: batch }, () => signUp(request, "Payer")))));
  }
  return people;
}

/** Each operation answers without errors before it is measured. */
async function checkOperations(url: string, person: Person) {
  for (const operation of Object.keys(bodyOf) as PaymentOperation[]) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${person.token}` },
      body: bodyOf[operation](),
    });
    const answer = (await response.json()) as { errors?: unknown };
    if (answer.errors) throw new Error(`${operation}: ${JSON.stringify(answer.errors)}`);
  }
}

export async function benchPayments(): Promise<PaymentRow[]> {
  console.error("(2) payments: starting the platform (5 subgraphs + router) in a child process…");
  const child = await startChild<PlatformRequest, PlatformReport>(
    join(import.meta.dirname, "platformChild.ts"),
  );
  try {
    const { url } = (await child.ready) as Extract<PlatformReport, { type: "ready" }>;
    // A platform that died would leave a call unanswered: the run fails instead of waiting forever.
    const died = new Promise<never>((_, reject) =>
      child.process.once("exit", (code) => reject(new Error(`the platform's process exited with ${code}`))),
    );
    died.catch(() => undefined);
    const counts = async (): Promise<PlatformCounts> =>
      (
        (await Promise.race([child.call({ type: "payments" }), died])) as Extract<
          PlatformReport,
          { type: "payments" }
        >
      ).counts;
    const people = await payers(url, Math.max(...PAYMENT_CONCURRENCIES));
    await checkOperations(url, people[0]!);
    let turn = 0;
    const headers = () => ({ authorization: `Bearer ${people[turn++ % people.length]!.token}` });
    const rows: PaymentRow[] = [];
    for (const concurrency of PAYMENT_CONCURRENCIES) {
      for (const operation of Object.keys(bodyOf) as PaymentOperation[]) {
        console.error(`(2) ${operation} at ${concurrency} connections…`);
        const load = { url, connections: concurrency, bodies: bodyOf[operation], headers };
        await drive({ ...load, seconds: PAYMENT_WARMUP_SECONDS });
        const before = await counts();
        const cpuBefore = cpuSeconds(child.process.pid!);
        const result = await drive({ ...load, seconds: PAYMENT_SECONDS });
        const platformCores = (cpuSeconds(child.process.pid!) - cpuBefore) / PAYMENT_SECONDS;
        const after = await counts();
        rows.push({
          operation,
          concurrency,
          load: result,
          written: operation === "createPayment" ? after.payments - before.payments : null,
          unhandledRejections: after.unhandledRejections - before.unhandledRejections,
          firstUnhandled: after.firstUnhandled,
          platformCores,
        });
      }
    }
    return rows;
  } finally {
    console.error("(2) closing the platform (drops its databases)…");
    if (child.process.connected) await child.call({ type: "close" });
    if (child.process.exitCode === null) await once(child.process, "exit");
  }
}
