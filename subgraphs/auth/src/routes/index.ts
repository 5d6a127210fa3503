import { Router } from "express";
import type { AuthDeps } from "../deps.ts";
import { apiKeyIntrospectionRoutes } from "./apiKeyIntrospection.ts";
import { jwksRoutes } from "./jwks.ts";

/** auth's HTTP routes beside /graphql: the JWKS document and partner-key introspection. */
export function authRoutes(deps: AuthDeps): Router {
  return Router().use(jwksRoutes(deps), apiKeyIntrospectionRoutes(deps));
}
