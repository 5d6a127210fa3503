import DataLoader from "dataloader";
import type { FinanceDeps } from "./deps.ts";
import { pointsBalancesOf } from "./domain/points/queries.ts";

/** Per-request DataLoaders for the fields resolved per parent (`User.pointsBalance`). */
export interface FinanceLoaders {
  pointsBalance: DataLoader<string, number>;
}

export const createFinanceLoaders = (deps: FinanceDeps): FinanceLoaders => ({
  pointsBalance: new DataLoader((userIds) => pointsBalancesOf(deps.db, userIds)),
});
