// Child process of `npm run bench:live`: the whole platform (router + auth, user, dynamic, trade
// subgraphs, each on its own fresh test database) via router/test/support/startPlatform.ts, in THIS
// process, so its memory is measured apart from the bench's clients. Talks to the parent over IPC.
import { execFileSync } from "node:child_process";
import { prepareTemplateDatabase } from "@health/platform/testing";
import { type StartedPlatform, startPlatform } from "../../router/test/support/startPlatform.ts";

export type PlatformRequest = { type: "memory"; id: number } | { type: "close"; id: number };

export interface PlatformMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** process.cpuUsage() user + system, µs since the process started. */
  cpuMicros: number;
  /** Established TCP connections whose server side is the router / the trade subgraph (from `ss`). */
  routerSockets: number;
  tradeSockets: number;
  dynamicSockets: number;
}

export type PlatformReport =
  | {
      type: "ready";
      url: string;
      tradeUrl: string;
      tradeDatabase: string;
      signingKey: { kid: string; privateJwk: Record<string, unknown> };
    }
  | { type: "memory"; id: number; memory: PlatformMemory }
  | { type: "closed"; id: number };

const send = (message: PlatformReport) => process.send!(message);
const portOf = (url: string) => Number(new URL(url).port);

/** Established connections with local port `port` (server side of the socket). */
function establishedTo(port: number): number {
  try {
    const out = execFileSync("ss", ["-Htn", "state", "established", `( sport = :${port} )`], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return out.split("\n").filter((line) => line.trim()).length;
  } catch {
    return -1;
  }
}

async function main() {
  for (const name of ["auth", "user", "dynamic", "trade"]) await prepareTemplateDatabase(name);
  const platform: StartedPlatform = await startPlatform();
  const key = await platform.authDb.signingKey.findFirstOrThrow({ where: { status: "active" } });
  const rows = await platform.tradeDb.$queryRaw<Array<{ db: string }>>`SELECT current_database() AS db`;
  const db = rows[0]?.db ?? "";
  process.on("message", async (message: PlatformRequest) => {
    if (message.type === "memory") {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      send({
        type: "memory",
        id: message.id,
        memory: {
          rss: m.rss,
          heapUsed: m.heapUsed,
          heapTotal: m.heapTotal,
          external: m.external,
          cpuMicros: process.cpuUsage().user + process.cpuUsage().system,
          routerSockets: establishedTo(portOf(platform.url)),
          tradeSockets: establishedTo(portOf(platform.subgraphs.trade!.url)),
          dynamicSockets: establishedTo(portOf(platform.subgraphs.dynamic!.url)),
        },
      });
    } else if (message.type === "close") {
      await platform.close();
      send({ type: "closed", id: message.id });
      process.disconnect();
      setTimeout(() => process.exit(0), 200).unref();
    }
  });
  send({
    type: "ready",
    url: platform.url,
    tradeUrl: platform.subgraphs.trade!.url,
    tradeDatabase: db!,
    signingKey: { kid: key.kid, privateJwk: key.privateJwk as Record<string, unknown> },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
