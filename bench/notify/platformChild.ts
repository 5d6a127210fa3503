// Child process of `npm run bench:notify`: auth, user, dynamic, trade, biz and ops (each on its own fresh
// test database) and the router in front of them, via router/test/support/startPlatform.ts, in THIS
// process; a coach made the way production makes one (applied, approved by an admin, refreshed token).
// Reports what the parent needs: the router's URL, the coach, auth's key to sign followers' tokens, and
// the run's event prefix to watch live_started on the bus.
import { prepareTemplateDatabase } from "@health/platform/testing";
import { DEFAULT_SOCKET_LIMITS } from "../../router/src/subscriptions/socketLimits.ts";
import { signUpCoach } from "../../router/test/support/coaches.ts";
import { graphqlClient } from "../../router/test/support/graphqlClient.ts";
import { startPlatform } from "../../router/test/support/startPlatform.ts";
import { BATCH_SIZE, FOLLOWERS } from "./settings.ts";

export type NotifyPlatformRequest = { type: "close"; id: number };

export type NotifyPlatformReport =
  | {
      type: "ready";
      url: string;
      coach: { id: string; token: string };
      signingKey: { kid: string; privateJwk: Record<string, unknown> };
      eventPrefix: string;
    }
  | { type: "closed"; id: number };

const send = (message: NotifyPlatformReport) => process.send!(message);

async function main() {
  for (const name of ["auth", "user", "dynamic", "trade", "biz", "ops"]) await prepareTemplateDatabase(name);
  const platform = await startPlatform({
    finance: false,
    biz: true,
    ops: true,
    opsEnv: { NOTIFICATION_FANOUT_BATCH_SIZE: String(BATCH_SIZE) },
    // Every follower's socket comes from this machine's one address.
    router: { socketLimits: { ...DEFAULT_SOCKET_LIMITS, connectionsPerIp: FOLLOWERS + 10 } },
  });
  let coach: Awaited<ReturnType<typeof signUpCoach>>;
  let key: Awaited<ReturnType<typeof platform.authDb.signingKey.findFirstOrThrow>>;
  try {
    coach = await signUpCoach(platform, graphqlClient(platform.url), "BenchCoach");
    key = await platform.authDb.signingKey.findFirstOrThrow({ where: { status: "active" } });
  } catch (error) {
    await platform.close();
    throw error;
  }
  process.on("message", async (message: NotifyPlatformRequest) => {
    if (message.type !== "close") return;
    await platform.close();
    send({ type: "closed", id: message.id });
    process.disconnect();
    setTimeout(() => process.exit(0), 200).unref();
  });
  send({
    type: "ready",
    url: platform.url,
    coach: { id: coach.id, token: coach.token },
    signingKey: { kid: key.kid, privateJwk: key.privateJwk as Record<string, unknown> },
    eventPrefix: platform.joinEnv.TEST_EVENT_PREFIX,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
