// npm run bench:scenario: the seed's day through the router (issue 14 points 4 and 6). Users, coaches and
// a partner browse the feed and trending, record health data, read notifications, chat in a live room,
// buy courses and products, and take a consultation from order to rating, in an open-loop mix whose
// rate ramps up; per step and operation it prints throughput, p50/p95/p99 and errors against the seed's
// targets (p99 < 200 ms, errors < 0.1 %), then the highest load that met them with each process's CPU
// and memory there, and what the run wrote (rows and bytes per table, stream and Redis sizes) for
// deploy/CAPACITY.md. Asserts nothing.
//
// The ten subgraphs run in one child (platformChild.ts, seeded there before anything is timed), the
// router compiled in another (bench/live/routerChild.ts), the load generator here.
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { startChild } from "../live/childProcess.ts";
import { elapsed, fmt } from "../live/format.ts";
import { stopChild } from "../live/platformSession.ts";
import type { RouterReport, RouterRequest } from "../live/routerChild.ts";
import { startRouterOver } from "../live/routerStart.ts";
import { type Counters, runStep } from "./driver.ts";
import { drainEventBacklog } from "./eventBacklog.ts";
import { footprint } from "./footprint.ts";
import { growthReport } from "./footprintReport.ts";
import type { ScenarioPlatformReport, ScenarioPlatformRequest } from "./platformChild.ts";
import { postgresBackendsOf } from "./postgresBackends.ts";
import { pidsOf, startUsage } from "./processUsage.ts";
import { rampTable, type StepResult, stepTable, summarize, usageTable } from "./report.ts";
import { SCENARIOS } from "./scenarios.ts";
import {
  COACHES,
  RATES,
  STEP_SECONDS,
  STOP_ERROR_RATE,
  STOP_P99_MS,
  USERS,
  WARM_UP_SECONDS,
} from "./settings.ts";

const loadAverage = () =>
  loadavg()
    .map((x) => fmt(x, 2))
    .join(" ");

async function main() {
  const started = Date.now();
  const loadAtStart = loadAverage();
  const platform = await startChild<ScenarioPlatformRequest, ScenarioPlatformReport>(
    join(import.meta.dirname, "platformChild.ts"),
  );
  const router = await startChild<RouterRequest, RouterReport>(
    join(import.meta.dirname, "../live/routerChild.ts"),
    {
      compiled: true,
    },
  );
  try {
    const ready = (await platform.ready) as Extract<ScenarioPlatformReport, { type: "ready" }>;
    const url = await startRouterOver(router, ready);
    console.error(`platform up and seeded at ${elapsed(started)}; router at ${url}`);
    const { population } = ready;
    const processes: Array<[string, number]> = [
      ["router (compiled)", router.process.pid!],
      ["ten subgraphs (one process)", platform.process.pid!],
      ["load generator (this bench)", process.pid],
      ...pidsOf("nats-server").map((pid): [string, number] => ["nats-server (shared machine-wide)", pid]),
      ...pidsOf("redis-server").map((pid): [string, number] => ["redis-server (shared machine-wide)", pid]),
    ];
    const left = await drainEventBacklog(ready.eventPrefix, 180_000);
    console.error(`seed's events consumed at ${elapsed(started)} (${fmt(left)} still pending)`);
    const counters: Counters = SCENARIOS.map(() => 0);
    const operations = new Map<string, number>();
    const count = (samples: Array<{ op: string; ok: boolean }>) => {
      for (const s of samples) if (s.ok) operations.set(s.op, (operations.get(s.op) ?? 0) + 1);
    };
    if (WARM_UP_SECONDS > 0) {
      await runStep(url, population, SCENARIOS, counters, RATES[0]!, WARM_UP_SECONDS);
      console.error(`warm-up done at ${elapsed(started)}`);
    }
    const databases = [...new Set((await postgresBackendsOf(platform.process.pid!)).map((b) => b.database))];
    const measure = () => footprint(databases, ready.eventPrefix, ready.redisKeyPrefix);
    const before = await measure();

    console.log(
      `# bench:scenario: ${fmt(USERS)} users, ${fmt(COACHES)} coaches, one partner; ${fmt(STEP_SECONDS)} s per step, open loop\n`,
    );
    console.log(
      `Mix (share of operations): ${SCENARIOS.map((s) => `${s.name} ${fmt(s.share * 100, 1)} %`).join(", ")}.\n`,
    );
    const steps: StepResult[] = [];
    let broken = 0;
    for (const rate of RATES) {
      const stop = await startUsage(processes, platform.process.pid!);
      const { recorder, seconds } = await runStep(url, population, SCENARIOS, counters, rate, STEP_SECONDS);
      const step = summarize(rate, recorder.samples, seconds, stop());
      count(recorder.samples);
      steps.push(step);
      console.log(`${stepTable(step)}\n\n${usageTable(step)}\n`);
      console.error(`step ${fmt(rate)} ops/s done at ${elapsed(started)}`);
      broken = step.p99Worst > STOP_P99_MS || step.errorRate > STOP_ERROR_RATE ? broken + 1 : 0;
      if (broken === 2) {
        console.log(
          `The targets broke clearly at two steps in a row (p99 > ${fmt(STOP_P99_MS)} ms or errors > ${fmt(STOP_ERROR_RATE * 100)} %): ramp stopped.\n`,
        );
        break;
      }
    }
    console.log(`## Ramp\n\n${rampTable(steps)}\n`);
    const best = steps.filter((s) => s.meets).at(-1);
    if (best) {
      console.log(
        `**Highest load meeting the seed's targets: ${fmt(best.rate)} ops/s** (${fmt(best.achieved, 1)} requests/s answered, worst p99 ${fmt(best.p99Worst)} ms, errors ${fmt(best.errorRate * 100, 2)} %). Each process there:\n`,
      );
      console.log(usageTable(best));
    } else console.log("**No step met the seed's targets.**");
    console.log(`\n${growthReport(before, await measure(), operations)}`);
  } finally {
    console.error("closing the platform (drops its databases)…");
    await stopChild(router);
    await stopChild(platform);
  }
  console.log(
    `\nTotal bench time ${elapsed(started)}. Load average (1/5/15 min, ${availableParallelism()} CPUs) at start ${loadAtStart}, at end ${loadAverage()}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
