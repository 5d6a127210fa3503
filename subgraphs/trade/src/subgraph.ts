import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { TradeDeps } from "./deps.ts";
import { createTradeLoaders, type TradeLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { AppointmentResolver } from "./resolvers/appointment.resolver.ts";
import { CoachProfileResolver } from "./resolvers/coachProfile.resolver.ts";
import { ServiceOfferingResolver } from "./resolvers/serviceOffering.resolver.ts";
import { resolveServiceOrderReference } from "./resolvers/serviceOrder.reference.ts";
import { ServiceOrderResolver } from "./resolvers/serviceOrder.resolver.ts";

/** M04 + M20: service offerings, service orders and grabbing, matching rules, appointments. */
export const tradeSubgraph = defineSubgraph<TradeDeps, TradeLoaders>({
  name: "trade",
  resolvers: [ServiceOrderResolver, ServiceOfferingResolver, CoachProfileResolver, AppointmentResolver],
  orphanedTypes: [User],
  references: { ServiceOrder: resolveServiceOrderReference },
  createLoaders: createTradeLoaders,
  readiness: infrastructureChecks,
  pubSub: (deps) => deps.pubSub,
});
