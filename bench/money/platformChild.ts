// Child process of `npm run bench:money`: the test platform the router e2e tests use, with finance
// (router/test/support/startPlatform.ts: auth, user, dynamic, trade and finance, each over its own
// fresh database, and the router in front), all in THIS process; the load comes from the parent.
import { prepareTemplateDatabase } from "@health/platform/testing";
import { type StartedPlatform, startPlatform } from "../../router/test/support/startPlatform.ts";

export type PlatformRequest = { type: "payments"; id: number } | { type: "close"; id: number };

export type PlatformReport =
  | { type: "ready"; url: string }
  | { type: "payments"; id: number; count: number }
  | { type: "closed"; id: number };

const send = (message: PlatformReport) => process.send!(message);

async function main() {
  for (const name of ["auth", "user", "dynamic", "trade", "finance"]) await prepareTemplateDatabase(name);
  const platform: StartedPlatform = await startPlatform({ finance: true });
  process.on("message", async (message: PlatformRequest) => {
    if (message.type === "payments") {
      send({ type: "payments", id: message.id, count: (await platform.financeDb?.payment.count()) ?? 0 });
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
