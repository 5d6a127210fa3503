// Open loop: scenario runs arrive at fixed intervals whatever the answers (a slow answer does not slow
// the arrivals, so queueing shows in the latencies instead of hiding: no coordinated omission).
import { sleep } from "../live/waits.ts";
import { Recorder } from "./recorder.ts";
import type { Scenario } from "./scenarios.ts";
import type { Population } from "./seed.ts";

/** Past this many runs in flight the platform has long lost the step; further arrivals count as errors. */
const MAX_IN_FLIGHT = 4_000;
const TICK_MS = 5;

/** Scenario runs per second that make `rate` operations per second in the mix's shares. */
export function arrivalsPerSecond(scenarios: readonly Scenario[], rate: number): number[] {
  return scenarios.map((scenario) => (rate * scenario.share) / scenario.operations);
}

/** Run counters per scenario, kept across steps so that who acts keeps rotating. */
export type Counters = number[];

/**
 * One ramp step: `rate` operations/s for `seconds`, then the runs still in flight are awaited. Each
 * scenario's runs are spaced evenly at its own arrival rate.
 */
export async function runStep(
  url: string,
  population: Population,
  scenarios: readonly Scenario[],
  counters: Counters,
  rate: number,
  seconds: number,
): Promise<{ recorder: Recorder; seconds: number }> {
  const recorder = new Recorder(url);
  const perSecond = arrivalsPerSecond(scenarios, rate);
  const launched = scenarios.map(() => 0);
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const end = start + seconds * 1000;
  for (let now = start; now < end; now = performance.now()) {
    scenarios.forEach((scenario, s) => {
      const dueCount = Math.floor(((now - start) / 1000) * perSecond[s]!);
      while (launched[s]! < dueCount) {
        launched[s]!++;
        // The k-th arrival (k from 1) is due k / rate seconds after the start: what dueCount counted.
        const due = start + (launched[s]! / perSecond[s]!) * 1000;
        const n = counters[s]!++;
        if (inFlight.size >= MAX_IN_FLIGHT) {
          recorder.note(scenario.name, now - due, false, "shed: the load generator's queue is full");
          continue;
        }
        const run = scenario.run(recorder, population, n, due).finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
    });
    await sleep(TICK_MS);
  }
  const arrivals = (performance.now() - start) / 1000;
  await Promise.all(inFlight);
  return { recorder, seconds: arrivals };
}
