import { badInput } from "@health/platform/errors";

/** The seed's market: a price with no currency is in yuan, its amount in fen. */
export const DEFAULT_CURRENCY = "CNY";

/** The largest price accepted, in minor units: a Postgres int, with room to spare. */
export const MAX_PRICE_AMOUNT = 1_000_000_000;

/** A price in the currency's smallest unit and an ISO 4217 code (rule 6: integers, never floats). */
export interface Price {
  priceAmount: number;
  currency: string;
}

/** Checks a price at `field` (e.g. `input.skus[0]`): BAD_USER_INPUT naming `priceAmount` or `currency`. */
export function parsePrice(amount: number, currency: string | null | undefined, field: string): Price {
  const inRange = Number.isInteger(amount) && amount >= 0 && amount <= MAX_PRICE_AMOUNT;
  if (!inRange) {
    throw badInput(
      `${field}.priceAmount`,
      `${field}.priceAmount must be a whole number of the currency's smallest unit (fen for CNY), 0–${MAX_PRICE_AMOUNT}; got ${amount}.`,
    );
  }
  const code = (currency ?? DEFAULT_CURRENCY).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw badInput(
      `${field}.currency`,
      `${field}.currency must be an ISO 4217 code such as CNY; got "${currency}".`,
    );
  }
  return { priceAmount: amount, currency: code };
}
