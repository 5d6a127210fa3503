import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { FinanceDeps } from "./deps.ts";
import { createFinanceLoaders, type FinanceLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { GiftResolver } from "./resolvers/gift.resolver.ts";
import { PaymentResolver } from "./resolvers/payment.resolver.ts";
import { PointsResolver } from "./resolvers/points.resolver.ts";
import { ReconciliationResolver } from "./resolvers/reconciliation.resolver.ts";
import { SettlementResolver } from "./resolvers/settlement.resolver.ts";
import { resolveUserReference } from "./resolvers/user.reference.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";
import { paymentWebhookRoutes } from "./routes/paymentWebhooks.ts";

/**
 * M13 + M14 + M15: the double-entry ledger, payments (M13), points (M14), gifts (M15), settlements and
 * the daily reconciliation.
 */
export const financeSubgraph = defineSubgraph<FinanceDeps, FinanceLoaders>({
  name: "finance",
  resolvers: [
    PaymentResolver,
    PointsResolver,
    GiftResolver,
    SettlementResolver,
    ReconciliationResolver,
    UserResolver,
  ],
  // Reached by no query here; its fields (`pointsBalance`) come through entity references.
  orphanedTypes: [User],
  references: { User: resolveUserReference },
  createLoaders: createFinanceLoaders,
  readiness: infrastructureChecks,
  // The payment provider's webhooks come from the provider, not the router: trusted by its signature.
  publicRoutes: paymentWebhookRoutes,
});
