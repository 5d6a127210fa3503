import { badInput } from "@health/platform/errors";

/** Prices without a currency are in yuan (the seed's market); amounts are always in fen-like minor units. */
export const DEFAULT_CURRENCY = "CNY";

/** The largest price accepted, in minor units (a Postgres int, with room to spare). */
export const MAX_PRICE_AMOUNT = 1_000_000_000;

const ISO_4217 = /^[A-Z]{3}$/;

export interface Money {
  amount: number;
  currency: string;
}

/** An integer amount in the smallest unit and an ISO 4217 code (upper-cased; default CNY). */
export function parseMoney(amount: number, currency: string | null | undefined, field: string): Money {
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_PRICE_AMOUNT) {
    throw badInput(
      `${field}.priceAmount`,
      `priceAmount must be a whole number of the currency's smallest unit (e.g. fen), 0–${MAX_PRICE_AMOUNT}.`,
    );
  }
  const code = (currency ?? DEFAULT_CURRENCY).trim().toUpperCase();
  if (!ISO_4217.test(code)) {
    throw badInput(
      `${field}.currency`,
      `currency must be an ISO 4217 code such as CNY or USD; got "${currency}".`,
    );
  }
  return { amount, currency: code };
}
