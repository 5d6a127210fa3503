import type { SubgraphPrivacy } from "@health/platform/privacy";
import type { TradeDeps } from "../deps.ts";
import { replayLockKey } from "../domain/notifications/replayLock.ts";
import { collectTrade } from "./collect.ts";
import { eraseTrade } from "./erase.ts";
import { TRADE_TABLES } from "./policy.ts";

/**
 * Trade's part of data-subject rights (issue 13): orders as customer and as coach, appointments, grab
 * attempts, and a coach's profile, level and offerings. Outside the database it holds only a coach's
 * `orderAvailable` replay lease in Redis (30 s), cleared with the rest.
 */
export const tradePrivacy = (deps: Pick<TradeDeps, "redis" | "orderPayment">): SubgraphPrivacy => ({
  subgraph: "trade",
  tables: TRADE_TABLES,
  collect: collectTrade,
  erase: (tx, subject) => eraseTrade(tx, subject, deps.orderPayment),
  purgeOutside: async (subject) => {
    await deps.redis.del(replayLockKey(subject.userId));
  },
});
