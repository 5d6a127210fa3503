// The markdown tables `npm run bench:live` prints, one per part.
import { ascending, percentile } from "../stats.ts";
import type { FanoutResult } from "./fanout.ts";
import { fmt, mib } from "./format.ts";
import { type ArrivalStep, RACERS } from "./grabArrivals.ts";
import type { GrabResults } from "./grabRace.ts";
import type { GrabRun } from "./grabRounds.ts";
import {
  ARRIVAL_SECONDS,
  ATTEMPTS_PER_COACH_PER_ROUND,
  BURST_EVENTS,
  COACHES,
  FANOUT_BARE,
  FANOUT_ROUTER,
  ORDERS_PER_ROUND,
  RAW_CONNECTIONS,
  ROUNDS,
  SINGLE_EVENTS,
} from "./settings.ts";
import { SUBSCRIPTION } from "./subscribers.ts";

/** (a)'s closed-loop rounds: through the router, straight at trade, and as raw SQL. */
export function grabTable(grab: GrabResults): string {
  const rate = (r: GrabRun) => r.attempts / r.seconds;
  const rl = ascending(grab.router.latencies);
  const bl = ascending(grab.raw.latencies);
  const dl = ascending(grab.direct.latencies);
  const routerRate = rate(grab.router);
  const rawRate = rate(grab.raw);
  const p99 = percentile(rl, 99);
  return `### (a) grabOrder race, ${fmt(COACHES)} concurrent coaches, ${ROUNDS} rounds × ${ORDERS_PER_ROUND} open orders

Coaches: access tokens signed with the auth subgraph's active key (EdDSA, kid header; no argon2 register), profiles set with \`setCoachProfile\` through the router and level 3 written into trade's database as ops's coach_level_changed would (${fmt(COACHES)} in ${fmt(grab.setupSeconds, 1)} s, 100 in flight). Each round every coach at once loops "grab a random order still believed open" (a win or a CONFLICT takes it off the shared list) until none is left or it made ${ATTEMPTS_PER_COACH_PER_ROUND} attempts; only grab phases are timed. Router in one child process, the 4 subgraphs in another; clients here.

| path | attempts | won / lost (CONFLICT) / other | attempts/s | p50 / p99 / max latency per attempt | target |
| --- | --- | --- | --- | --- | --- |
| router → trade subgraph (grabOrder mutation over HTTP) | ${fmt(grab.router.attempts)} | ${fmt(grab.router.won)} / ${fmt(grab.router.lost)} / ${fmt(grab.router.other)} | ${fmt(routerRate)} | ${fmt(percentile(rl, 50), 1)} / ${fmt(p99, 1)} / ${fmt(rl.at(-1) ?? Number.NaN, 1)} ms | ≥ 1,500 attempts/s ${routerRate >= 1500 ? "✔" : "✘"}, p99 < 200 ms ${p99 < 200 ? "✔" : "✘"} |
| trade subgraph directly (same mutation, same token, no router) | ${fmt(grab.direct.attempts)} | ${fmt(grab.direct.won)} / ${fmt(grab.direct.lost)} / ${fmt(grab.direct.other)} | ${fmt(rate(grab.direct))} | ${fmt(percentile(dl, 50), 1)} / ${fmt(percentile(dl, 99), 1)} / ${fmt(dl.at(-1) ?? Number.NaN, 1)} ms | – |
| raw pg: BEGIN; UPDATE … WHERE status='OPEN'; INSERT outbox (winner); COMMIT — ${RAW_CONNECTIONS} connections | ${fmt(grab.raw.attempts)} | ${fmt(grab.raw.won)} / ${fmt(grab.raw.lost)} / ${fmt(grab.raw.other)} | ${fmt(rawRate)} | ${fmt(percentile(bl, 50), 1)} / ${fmt(percentile(bl, 99), 1)} / ${fmt(bl.at(-1) ?? Number.NaN, 1)} ms | – |
| router / raw | | | ${fmt(routerRate / rawRate, 2)} | p99 × ${fmt(p99 / percentile(bl, 99), 1)} | – |

CPU per attempt (includes creating each round's orders through the router) during the router rounds: router process ${fmt(grab.routerCpuMicros.router / 1000 / grab.router.attempts, 2)} ms + subgraphs process ${fmt(grab.routerCpuMicros.subgraphs / 1000 / grab.router.attempts, 2)} ms (${fmt((grab.routerCpuMicros.router + grab.routerCpuMicros.subgraphs) / 1e6 / grab.router.seconds, 2)} CPU-s per grab-phase second); during the direct rounds: router ${fmt(grab.directCpuMicros.router / 1000 / grab.direct.attempts, 2)} ms + subgraphs ${fmt(grab.directCpuMicros.subgraphs / 1000 / grab.direct.attempts, 2)} ms (${fmt((grab.directCpuMicros.router + grab.directCpuMicros.subgraphs) / 1e6 / grab.direct.seconds, 2)} CPU-s per second). Warm-up round (not counted): ${fmt(grab.warmRouter.attempts)} attempts at ${fmt(rate(grab.warmRouter))}/s, p99 ${fmt(percentile(ascending(grab.warmRouter.latencies), 99), 1)} ms. Check after the router rounds (trade database, warm-up included): ${fmt(grab.check.assigned)} orders ASSIGNED of ${fmt((ROUNDS + 1) * ORDERS_PER_ROUND)}, ${fmt(grab.check.grabs)} grab_requests rows, ${fmt(grab.check.events)} order_assigned outbox rows.${grab.router.otherSample ? ` First "other" outcome: \`${grab.router.otherSample.slice(0, 200)}\`.` : ""}${grab.direct.otherSample ? ` Direct "other": \`${grab.direct.otherSample.slice(0, 200)}\`.` : ""}${grab.raw.otherSample ? ` Raw "other": \`${grab.raw.otherSample.slice(0, 200)}\`.` : ""}`;
}

/** (a)'s open-loop steps: what the router sustains, and the latency a coach sees at each offered rate. */
export function arrivalsTable(steps: ArrivalStep[]): string {
  const rows = steps.map((step) => {
    const p99 = percentile(step.latencies, 99);
    const sustained = step.achievedPerSecond >= 0.95 * step.offeredPerSecond;
    return `| ${fmt(step.offeredPerSecond)} | ${fmt(step.achievedPerSecond)}${sustained ? "" : " (backlog)"} | ${fmt(step.attempts)} | ${fmt(step.won)} / ${fmt(step.lost)} / ${fmt(step.other)} | ${fmt(percentile(step.latencies, 50), 1)} / ${fmt(p99, 1)} / ${fmt(step.latencies.at(-1) ?? Number.NaN, 1)} ms | ${p99 < 200 ? "✔" : "✘"} |`;
  });
  return `### (a) open loop: orders appear at a fixed rate, each raced by ${RACERS} coaches at once

For ${ARRIVAL_SECONDS} s per step, orders (created beforehand through the router) are released at (offered ÷ ${RACERS}) per second, and at each release ${RACERS} random coaches of the ${fmt(COACHES)} grab it at once through the router, whatever is still in flight. Latency runs from the release, so a backlog shows in it. "Answered/s" is attempts over the time from the first release to the last answer.

| offered attempts/s | answered/s | attempts | won / lost (CONFLICT) / other | p50 / p99 / max from release | p99 < 200 ms |
| --- | --- | --- | --- | --- | --- |
${rows.join("\n")}${steps
  .filter((step) => step.otherSample)
  .map(
    (step) =>
      `\n\nFirst "other" outcome at ${fmt(step.offeredPerSecond)}/s: \`${step.otherSample!.slice(0, 200)}\``,
  )
  .join("")}`;
}

/** (b) at every N: the router, the bare graphql-ws server and the floor, and how they compare. */
export function fanoutTable(router: FanoutResult[], bare: FanoutResult[], floor: FanoutResult[]): string {
  const rows: string[] = [];
  for (const n of [...new Set([...FANOUT_ROUTER, ...FANOUT_BARE])].sort((a, b) => a - b)) {
    const r = router.find((x) => x.n === n);
    const b = bare.find((x) => x.n === n);
    const f = floor.find((x) => x.n === n);
    const line = (label: string, x: FanoutResult | undefined, sockets: string) =>
      x
        ? `| ${fmt(n)} | ${label} | ${fmt(x.connected)}${x.failedConnects ? ` (${fmt(x.failedConnects)} failed)` : ""} in ${fmt(x.connectSeconds, 1)} s | ${sockets} | ${fmt(x.single.delivered)} / ${fmt(x.single.expected)}: ${fmt(x.single.p50, 0)} / ${fmt(x.single.p99, 0)} / ${fmt(x.single.max, 0)} ms | ${fmt(x.delivered)} / ${fmt(x.expected)} in ${fmt(x.burstSeconds, 1)} s: ${fmt(x.p50, 0)} / ${fmt(x.p99, 0)} / ${fmt(x.max, 0)} ms | ${mib(x.idle.rss)} → ${mib(x.loaded.rss)} MiB (+${fmt((x.loaded.rss - x.idle.rss) / x.n / 1024, 1)} KiB/sub); peak ${mib(x.after.maxRss)} MiB | ${mib(x.idle.heapUsed)} → ${mib(x.loaded.heapUsed)} MiB (+${fmt((x.loaded.heapUsed - x.idle.heapUsed) / x.n / 1024, 1)} KiB/sub) | ${mib(x.after.heapUsed)} MiB |`
        : `| ${fmt(n)} | ${label} | not run | | | | | | |`;
    rows.push(
      r
        ? line("router (own process)", r, `${fmt(r.upstreamSockets ?? 0)}`)
        : `| ${fmt(n)} | router (own process) | not run (see notes) | | | | | | |`,
    );
    rows.push(line("bare graphql-ws", b, "–"));
    rows.push(line("floor: one prebuilt frame per socket", f, "–"));
    if (r && b) {
      rows.push(
        `| ${fmt(n)} | router / bare | | | p50 × ${fmt(r.single.p50 / Math.max(b.single.p50, 1), 2)}, p99 × ${fmt(r.single.p99 / Math.max(b.single.p99, 1), 2)} | p50 × ${fmt(r.p50 / Math.max(b.p50, 1), 2)}, p99 × ${fmt(r.p99 / Math.max(b.p99, 1), 2)} | RSS delta × ${fmt((r.loaded.rss - r.idle.rss) / Math.max(b.loaded.rss - b.idle.rss, 1), 2)}, RSS × ${fmt(r.loaded.rss / b.loaded.rss, 2)} | heap delta × ${fmt((r.loaded.heapUsed - r.idle.heapUsed) / Math.max(b.loaded.heapUsed - b.idle.heapUsed, 1), 2)} | |`,
      );
    }
    if (r && f) {
      rows.push(
        `| ${fmt(n)} | router / floor | | | p50 × ${fmt(r.single.p50 / Math.max(f.single.p50, 1), 2)}, p99 × ${fmt(r.single.p99 / Math.max(f.single.p99, 1), 2)} | p50 × ${fmt(r.p50 / Math.max(f.p50, 1), 2)}, p99 × ${fmt(r.p99 / Math.max(f.p99, 1), 2)} | | | |`,
      );
    }
  }
  return `### (b) subscription fan-out: \`${SUBSCRIPTION}\`, burst of ${BURST_EVENTS} events

Router: one coach token per subscriber (profiles inserted by SQL), events are \`createServiceOrder\` mutations through the router fired at once; latency = arrival at the client − \`order.createdAt\` (set by the trade subgraph before its transaction). Memory is the router's own child process (the subgraphs run in another; after a forced GC) before connecting → with N subscribed (after a warm-up event every subscriber received). Bare: \`useServer\` on \`ws\`, no auth, one async-generator event source, events stamped when emitted. Floor: the same bare server, but each event's \`next\` message is built once and written to every socket as one frame (no execution, no per-socket serialization; the router's own write path, \`writeNextFrame\`): what one Node process on this machine can do at best. Both run compiled (scripts/bundle.mjs) like the router. All clients in the bench process. "TCP sockets into trade" counts every established connection whose server side is the trade subgraph's port (\`ss\`): the router's upstream graphql-ws socket(s) plus its HTTP keep-alive sockets. Router N values run one after another on one platform, so "before" for a larger N is after the smaller N disconnected.

| N | server | connected (time) | TCP sockets into trade with N subscribed | ${SINGLE_EVENTS} single events: delivered, p50 / p99 / max event→client | burst of ${BURST_EVENTS} at once: delivered (wall time), p50 / p99 / max | RSS before → N subscribed; peak (process lifetime) | heap used before → N subscribed | heap used after all disconnected |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

${fanoutTargets(router, bare, floor)}`;
}

/** The issue's targets at the largest N both ran, each with its mark, and the floor beside them. */
function fanoutTargets(router: FanoutResult[], bare: FanoutResult[], floor: FanoutResult[]): string {
  const n = Math.max(...router.map((r) => r.n).filter((x) => bare.some((b) => b.n === x)));
  const r = router.find((x) => x.n === n);
  const b = bare.find((x) => x.n === n);
  if (!r || !b) return "Targets: not checked (the router and the bare server did not both run one N).";
  const f = floor.find((x) => x.n === n);
  const mark = (ok: boolean) => (ok ? "✔" : "✘");
  return `Targets at N = ${fmt(n)}: event→client p99 under 100 ms: ${fmt(r.single.p99)} ms single, ${fmt(r.p99)} ms burst ${mark(r.single.p99 < 100 && r.p99 < 100)}${f ? ` (floor: ${fmt(f.single.p99)} / ${fmt(f.p99)} ms)` : ""}; memory no more than bare graphql-ws holding the same connections: RSS ${mib(r.loaded.rss)} vs ${mib(b.loaded.rss)} MiB ${mark(r.loaded.rss <= b.loaded.rss)}, heap used ${mib(r.loaded.heapUsed)} vs ${mib(b.loaded.heapUsed)} MiB ${mark(r.loaded.heapUsed <= b.loaded.heapUsed)}, peak RSS ${mib(r.after.maxRss)} vs ${mib(b.after.maxRss)} MiB ${mark(r.after.maxRss <= b.after.maxRss)}.`;
}
