import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { UserDeps } from "./deps.ts";
import { createUserLoaders, type UserLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { AccessLogResolver } from "./resolvers/accessLog.resolver.ts";
import { AiConsentGrantResolver } from "./resolvers/aiConsentGrant.resolver.ts";
import { AssessmentResolver } from "./resolvers/assessment.resolver.ts";
import { ConsentGrantResolver } from "./resolvers/consentGrant.resolver.ts";
import { DeviceBindingResolver } from "./resolvers/deviceBinding.resolver.ts";
import { HealthActionResolver } from "./resolvers/healthAction.resolver.ts";
import { HealthGoalResolver } from "./resolvers/healthGoal.resolver.ts";
import { HealthRecordResolver } from "./resolvers/healthRecord.resolver.ts";
import { InsightSourceResolver } from "./resolvers/insightSource.resolver.ts";
import { resolveUserReference } from "./resolvers/user.reference.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M02: health records and actions, goals, device bindings, assessments, consent grants, access log. */
export const userSubgraph = defineSubgraph<UserDeps, UserLoaders>({
  name: "user",
  resolvers: [
    HealthRecordResolver,
    HealthActionResolver,
    HealthGoalResolver,
    DeviceBindingResolver,
    AssessmentResolver,
    ConsentGrantResolver,
    AccessLogResolver,
    UserResolver,
    AiConsentGrantResolver,
    InsightSourceResolver,
  ],
  orphanedTypes: [User],
  references: { User: resolveUserReference },
  createLoaders: createUserLoaders,
  readiness: infrastructureChecks,
});
