import { Router } from "express";
import type { AuthDeps } from "../deps.ts";

/** Publishes the signing keys as a JWKS document; verifiers cache it for up to five minutes. */
export function jwksRoutes(deps: AuthDeps): Router {
  const router = Router();
  router.get("/.well-known/jwks.json", async (_req, res, next) => {
    try {
      res.setHeader("cache-control", "public, max-age=300");
      res.json({ keys: await deps.keys.published() });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
