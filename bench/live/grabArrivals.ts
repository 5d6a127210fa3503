// (a) open loop: how fast the grab path can go while keeping its latency, the way a product sees it.
// Orders appear at a fixed rate and each is raced by RACERS coaches at once, whether or not earlier
// grabs have been answered. Latency counts from the moment the order appeared, so a growing backlog
// shows in it (a closed loop hides that: a slow server also slows the clients' offered load).

import type { Grab } from "./grabRounds.ts";
import { sleep } from "./waits.ts";

/** Coaches that race for each order (the closed-loop rounds also settle about ten attempts per win). */
export const RACERS = 10;

export interface ArrivalStep {
  offeredPerSecond: number;
  attempts: number;
  won: number;
  lost: number;
  other: number;
  /** The first outcome that was neither a win nor a CONFLICT. */
  otherSample: string | null;
  /** Attempts answered per second, from the first order's appearance to the last answer. */
  achievedPerSecond: number;
  /** Sorted, in ms from the order's appearance to the answer. */
  latencies: number[];
}

/**
 * Releases `orders` at `offeredPerSecond / RACERS` orders a second; at each release RACERS distinct
 * random coaches grab that order at once. Resolves when every grab was answered.
 */
export async function grabArrivals(
  coaches: readonly string[],
  orders: readonly string[],
  offeredPerSecond: number,
  grab: Grab,
): Promise<ArrivalStep> {
  const step: ArrivalStep = {
    offeredPerSecond,
    attempts: 0,
    won: 0,
    lost: 0,
    other: 0,
    otherSample: null,
    achievedPerSecond: 0,
    latencies: [],
  };
  const gapMs = (1000 * RACERS) / offeredPerSecond;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (const [i, orderId] of orders.entries()) {
    const due = started + i * gapMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    for (const coach of pickDistinct(coaches, RACERS)) {
      inFlight.push(
        grab(coach, orderId).then((outcome) => {
          step.latencies.push(performance.now() - due);
          step.attempts++;
          if (outcome === "won") step.won++;
          else if (outcome === "lost") step.lost++;
          else {
            step.other++;
            step.otherSample ??= outcome;
          }
        }),
      );
    }
  }
  await Promise.all(inFlight);
  step.achievedPerSecond = step.attempts / ((performance.now() - started) / 1000);
  step.latencies.sort((a, b) => a - b);
  return step;
}

function pickDistinct<T>(items: readonly T[], count: number): T[] {
  const picked = new Set<T>();
  while (picked.size < Math.min(count, items.length)) {
    picked.add(items[Math.floor(Math.random() * items.length)]!);
  }
  return [...picked];
}
