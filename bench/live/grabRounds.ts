// (a) closed loop: rounds of open orders that every coach races for at once, each coach sending its
// next attempt as soon as its last was answered.
import { ATTEMPTS_PER_COACH_PER_ROUND, ROUNDS } from "./settings.ts";

export interface GrabRun {
  attempts: number;
  won: number;
  lost: number;
  other: number;
  otherSample: string | null;
  seconds: number;
  latencies: number[];
}

/** One grab attempt: "won", "lost" (CONFLICT), or what else happened. */
export type Grab = (coach: string, orderId: string) => Promise<"won" | "lost" | string>;

/**
 * ROUNDS rounds: ORDERS_PER_ROUND fresh open orders, then every coach at once loops "grab a random
 * order still believed open" until none is (a win or a CONFLICT removes it for everyone) or it used
 * its attempt budget. Only the grab phase is timed.
 */
export async function grabRounds(
  coaches: readonly string[],
  openOrders: (round: number) => Promise<string[]>,
  grab: Grab,
  rounds = ROUNDS,
): Promise<GrabRun> {
  const run: GrabRun = {
    attempts: 0,
    won: 0,
    lost: 0,
    other: 0,
    otherSample: null,
    seconds: 0,
    latencies: [],
  };
  for (let round = 0; round < rounds; round++) {
    const open = await openOrders(round);
    const started = performance.now();
    await Promise.all(
      coaches.map(async (coach) => {
        for (let i = 0; i < ATTEMPTS_PER_COACH_PER_ROUND && open.length > 0; i++) {
          const orderId = open[Math.floor(Math.random() * open.length)]!;
          const t0 = performance.now();
          const outcome = await grab(coach, orderId);
          run.latencies.push(performance.now() - t0);
          run.attempts++;
          if (outcome === "won" || outcome === "lost") {
            if (outcome === "won") run.won++;
            else run.lost++;
            const at = open.indexOf(orderId);
            if (at >= 0) open.splice(at, 1);
          } else {
            run.other++;
            run.otherSample ??= outcome;
          }
        }
      }),
    );
    run.seconds += (performance.now() - started) / 1000;
  }
  return run;
}
