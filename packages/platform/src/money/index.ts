export type { Money, ParseMoneyOptions } from "./parseMoney.ts";
export { DEFAULT_CURRENCY, MAX_MONEY_AMOUNT, parseMoney } from "./parseMoney.ts";
