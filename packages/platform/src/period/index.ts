export { checkedPeriod, dayOf, daysOf, MAX_PERIOD_DAYS, type Period, within } from "./period.ts";
