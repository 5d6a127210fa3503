import type { Actor } from "@health/platform/auth";
import { isUuid } from "@health/platform/graphql";
import DataLoader from "dataloader";
import type { TradeDeps } from "./deps.ts";
import { ordersByIds } from "./domain/orders/orders.ts";
import type { CoachProfile, ServiceOrder } from "./generated/prisma/client.ts";

/** Per-request loaders: orders for `_entities`, coach profiles for subscriptions and grabs. */
export interface TradeLoaders {
  serviceOrder: DataLoader<string, ServiceOrder | null>;
  coachProfile: DataLoader<string, CoachProfile | null>;
}

export function createTradeLoaders(deps: TradeDeps, _actor: Actor | null): TradeLoaders {
  return {
    serviceOrder: new DataLoader((ids: readonly string[]) => ordersByIds(deps.db, ids)),
    coachProfile: new DataLoader(async (coachIds: readonly string[]) => {
      const valid = coachIds.filter(isUuid);
      const rows =
        valid.length > 0 ? await deps.db.coachProfile.findMany({ where: { coachId: { in: valid } } }) : [];
      const byId = new Map(rows.map((row) => [row.coachId, row]));
      return coachIds.map((id) => byId.get(id) ?? null);
    }),
  };
}
