// The one rule for sharing an amount between a coach and the platform, used by settlements (the platform's
// fee on an order) and by gifts (the platform's share of a gift's points). Integers only (rule 6).

/** 100 % in basis points. */
export const FULL_BPS = 10_000;

/** What the coach gets and what the platform keeps of one amount; they always sum to the amount. */
export interface Split {
  coach: number;
  platform: number;
}

/**
 * Splits `amount` (minor units or points, a non-negative integer) with the platform keeping `platformBps`
 * basis points of it, rounded DOWN: platform = floor(amount × platformBps / 10000), coach = amount − platform.
 * The fraction a split cannot pay in whole units goes to the coach, never to the platform, and the two
 * parts sum to the amount exactly, so the ledger transfer is balanced by construction. Computed in bigint:
 * amount × bps never loses a unit to floating point.
 */
export function splitAmount(amount: number, platformBps: number): Split {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`an amount to split must be a non-negative integer, not ${amount}`);
  }
  if (!Number.isInteger(platformBps) || platformBps < 0 || platformBps > FULL_BPS) {
    throw new RangeError(`a rate must be 0–${FULL_BPS} basis points, not ${platformBps}`);
  }
  const platform = Number((BigInt(amount) * BigInt(platformBps)) / BigInt(FULL_BPS));
  return { coach: amount - platform, platform };
}
