import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { OpsDeps } from "./deps.ts";
import { createOpsLoaders, type OpsLoaders } from "./loaders.ts";
import { ServiceOrder } from "./model/serviceOrder.ts";
import { User } from "./model/user.ts";
import { NotificationResolver } from "./resolvers/notification.resolver.ts";
import { NotificationSendResolver } from "./resolvers/notificationSend.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M05 + M17 + M18; so far M17's notifications (inbox, rules on events, operators' sends). */
export const opsSubgraph = defineSubgraph<OpsDeps, OpsLoaders>({
  name: "ops",
  resolvers: [UserResolver, NotificationResolver, NotificationSendResolver],
  orphanedTypes: [User, ServiceOrder],
  createLoaders: createOpsLoaders,
  readiness: infrastructureChecks,
  pubSub: (deps) => deps.pubSub,
});
