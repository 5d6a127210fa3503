import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { AuthDeps } from "./deps.ts";
import { type AuthLoaders, createAuthLoaders } from "./loaders.ts";
import { AccountErasureResolver } from "./resolvers/accountErasure.resolver.ts";
import { ApiKeyResolver } from "./resolvers/apiKey.resolver.ts";
import { CoachApplicationResolver } from "./resolvers/coachApplication.resolver.ts";
import { SessionResolver } from "./resolvers/session.resolver.ts";
import { resolveUserReference } from "./resolvers/user.reference.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";
import { apiKeyIntrospectionRoutes } from "./routes/apiKeyIntrospection.ts";
import { jwksRoutes } from "./routes/jwks.ts";

export const authSubgraph = defineSubgraph<AuthDeps, AuthLoaders>({
  name: "auth",
  resolvers: [
    UserResolver,
    SessionResolver,
    ApiKeyResolver,
    CoachApplicationResolver,
    AccountErasureResolver,
  ],
  references: { User: resolveUserReference },
  createLoaders: createAuthLoaders,
  readiness: infrastructureChecks,
  // Every verifier fetches the JWKS document, signed requests or not; introspection answers the router only.
  publicRoutes: jwksRoutes,
  routes: apiKeyIntrospectionRoutes,
});
