import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { OpsDeps } from "./deps.ts";
import { createOpsLoaders, type OpsLoaders } from "./loaders.ts";
import { ServiceOrder } from "./model/serviceOrder.ts";
import { User } from "./model/user.ts";
import { AccountHoldResolver } from "./resolvers/accountHold.resolver.ts";
import { AnalyticsResolver } from "./resolvers/analytics.resolver.ts";
import { AuditLogResolver } from "./resolvers/auditLog.resolver.ts";
import { CertificateResolver } from "./resolvers/certificate.resolver.ts";
import { NotificationResolver } from "./resolvers/notification.resolver.ts";
import { NotificationSendResolver } from "./resolvers/notificationSend.resolver.ts";
import { CoachRatingResolver } from "./resolvers/rating.resolver.ts";
import { RiskAlertResolver } from "./resolvers/riskAlert.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The ops subgraph: M05 coach ratings, levels and certificates; M17 notifications and analytics; M18 the audit log. */
export const opsSubgraph = defineSubgraph<OpsDeps, OpsLoaders>({
  name: "ops",
  resolvers: [
    UserResolver,
    CoachRatingResolver,
    CertificateResolver,
    NotificationResolver,
    NotificationSendResolver,
    AuditLogResolver,
    AnalyticsResolver,
    RiskAlertResolver,
    AccountHoldResolver,
  ],
  orphanedTypes: [User, ServiceOrder],
  createLoaders: createOpsLoaders,
  readiness: infrastructureChecks,
  pubSub: (deps) => deps.pubSub,
});
