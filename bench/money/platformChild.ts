// Child process of `npm run bench:money`: the test platform the router e2e tests use, with finance
// (router/test/support/startPlatform.ts: auth, user, dynamic, trade and finance, each over its own
// fresh database, and the router in front), all in THIS process; the load comes from the parent.
import { prepareTemplateDatabase } from "@health/platform/testing";
import { type StartedPlatform, startPlatform } from "../../router/test/support/startPlatform.ts";

export type PlatformRequest = { type: "payments"; id: number } | { type: "close"; id: number };

/** What the platform's process has seen so far: payments written, and promises rejected with no handler. */
export interface PlatformCounts {
  payments: number;
  unhandledRejections: number;
  firstUnhandled: string | null;
}

export type PlatformReport =
  | { type: "ready"; url: string }
  | { type: "payments"; id: number; counts: PlatformCounts }
  | { type: "closed"; id: number };

const send = (message: PlatformReport) => process.send!(message);

// Under load a rejection nobody handles would end this process (Node's default) and with it the run;
// it is counted and reported instead, as a finding (bench/README.md, "Money").
let unhandledRejections = 0;
let firstUnhandled: string | null = null;
process.on("unhandledRejection", (reason) => {
  unhandledRejections++;
  firstUnhandled ??= String(reason).slice(0, 300);
});

/** Retried: right after a load the finance pool may still be too busy to lend a connection in time. */
async function paymentsWritten(platform: StartedPlatform): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await platform.financeDb?.payment.count()) ?? 0;
    } catch (error) {
      if (attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function main() {
  for (const name of ["auth", "user", "dynamic", "trade", "finance"]) await prepareTemplateDatabase(name);
  const platform: StartedPlatform = await startPlatform({ finance: true });
  process.on("message", async (message: PlatformRequest) => {
    if (message.type === "payments") {
      const payments = await paymentsWritten(platform);
      send({ type: "payments", id: message.id, counts: { payments, unhandledRejections, firstUnhandled } });
    } else if (message.type === "close") {
      await platform.close();
      send({ type: "closed", id: message.id });
      process.disconnect();
      setTimeout(() => process.exit(0), 200).unref();
    }
  });
  send({ type: "ready", url: platform.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
