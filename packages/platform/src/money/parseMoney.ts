import { badInput } from "../errors/appError.ts";

/** The seed's market: an amount with no currency is in yuan, counted in fen. */
export const DEFAULT_CURRENCY = "CNY";

/** The largest amount accepted, in minor units: a Postgres int, with room to spare. */
export const MAX_MONEY_AMOUNT = 1_000_000_000;

const ISO_4217 = /^[A-Z]{3}$/;

/** An amount in the currency's smallest unit and an ISO 4217 code (rule 6: integers, never floats). */
export interface Money {
  amount: number;
  currency: string;
}

export interface ParseMoneyOptions {
  /** The amount's field name under `field` (default `priceAmount`). */
  amountField?: string;
  /** The least amount accepted (default 0; a payment takes 1). */
  min?: number;
}

/**
 * Checks a client's amount and `currency` under `field` (e.g. `input`, `input.skus[0]`): a whole number
 * of minor units in min..MAX_MONEY_AMOUNT and an ISO 4217 code (upper-cased; default CNY), else
 * BAD_USER_INPUT naming `<field>.<amountField>` or `<field>.currency`.
 */
export function parseMoney(
  amount: number,
  currency: string | null | undefined,
  field: string,
  { amountField = "priceAmount", min = 0 }: ParseMoneyOptions = {},
): Money {
  if (!Number.isInteger(amount) || amount < min || amount > MAX_MONEY_AMOUNT) {
    throw badInput(
      `${field}.${amountField}`,
      `${field}.${amountField} must be a whole number of the currency's smallest unit (fen for CNY), ${min}–${MAX_MONEY_AMOUNT}; got ${amount}.`,
    );
  }
  const code = (currency ?? DEFAULT_CURRENCY).trim().toUpperCase();
  if (!ISO_4217.test(code)) {
    throw badInput(
      `${field}.currency`,
      `${field}.currency must be an ISO 4217 code such as CNY or USD; got "${currency}".`,
    );
  }
  return { amount, currency: code };
}
