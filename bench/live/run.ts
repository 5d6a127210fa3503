// npm run bench:live: the live paths through the router, each against a baseline measured in the same
// run. Prints markdown tables; asserts nothing.
//
// (a) Grab race: 1,000 coaches fire grabOrder through the router at rounds of 200 open orders.
//     Coaches are created by signing access tokens with the auth subgraph's active key (no argon2
//     register per coach) and setting their coach profiles with `setCoachProfile` through the router (and
//     their level written into trade's database as ops's coach_level_changed would: coaches never choose it).
//     Baseline: the same conditional UPDATE + outbox INSERT in one transaction over 20 raw pg
//     connections, same 1,000 concurrent "coaches", same rounds, on the same trade database.
// (b) Subscription fan-out: N graphql-ws clients (one coach token each) subscribe to `orderAvailable`
//     through the router; a burst of orders is created through the router; event-to-delivery latency
//     is `arrival at the client − order.createdAt` (stamped by the trade subgraph). The router runs in
//     its own child process (routerChild.ts), the four subgraphs in another (platformChild.ts), so the
//     memory reported is the router's alone. Baseline: a bare graphql-ws server in its own child. Both
//     run compiled by plain Node (scripts/bundle.mjs), as `npm start` runs the router.
//     The fan-out coaches' profiles are inserted straight into the trade database (SQL), not through
//     the router.
import { availableParallelism, loadavg } from "node:os";
import type { FanoutResult } from "./fanout.ts";
import { bareFanout, routerFanout } from "./fanoutRuns.ts";
import { elapsed, fmt } from "./format.ts";
import { benchGrab } from "./grabRace.ts";
import { withPlatform } from "./platformSession.ts";
import { arrivalsTable, fanoutTable, grabTable } from "./report.ts";
import { FANOUT_BARE, PARTS } from "./settings.ts";

const loadAverage = () =>
  loadavg()
    .map((x) => fmt(x, 2))
    .join(" ");

async function main() {
  const benchStarted = Date.now();
  const tables: string[] = [];
  const loadAtStart = loadAverage();
  try {
    if (PARTS.has("grab"))
      await withPlatform(async (session) => {
        try {
          const grab = await benchGrab(session);
          tables.push(grabTable(grab));
          console.error(tables.at(-1));
          tables.push(arrivalsTable(grab.arrivals));
          console.error(tables.at(-1));
        } catch (error) {
          console.error("(a) failed:", error);
          tables.push(`(a) failed: \`${String(error).slice(0, 300)}\``);
        }
      });
    console.error(`(a) done at ${elapsed(benchStarted)}`);

    const router = !PARTS.has("fanout") ? { results: [], failure: null } : await withPlatform(routerFanout);
    if (router.failure) tables.push(router.failure);
    console.error(`(b) router done at ${elapsed(benchStarted)}`);

    const bare: FanoutResult[] = [];
    const floor: FanoutResult[] = [];
    for (const n of PARTS.has("fanout") ? FANOUT_BARE : []) {
      console.error(`(b) bare graphql-ws fan-out N=${n}…`);
      bare.push(await bareFanout(n));
      console.error(JSON.stringify(bare.at(-1)));
      console.error(`(b) floor (prebuilt frames) fan-out N=${n}…`);
      floor.push(await bareFanout(n, true));
      console.error(JSON.stringify(floor.at(-1)));
    }
    tables.push(fanoutTable(router.results, bare, floor));
  } finally {
    console.log(tables.join("\n\n"));
    console.log(
      `\nTotal bench time ${elapsed(benchStarted)}. Load average (1/5/15 min, ${availableParallelism()} CPUs) at start ${loadAtStart}, at end ${loadAverage()}.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
