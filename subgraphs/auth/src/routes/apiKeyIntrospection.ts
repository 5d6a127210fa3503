import { API_KEY_INTROSPECTION_PATH } from "@health/platform/auth";
import { Router } from "express";
import type { AuthDeps } from "../deps.ts";
import { introspectApiKey } from "../domain/apiKeys.ts";

/**
 * Token introspection for partner keys (the router's question "what may this key do?"). Router-signed
 * like /graphql (issue 16.7); beyond that only someone holding the key learns anything, and
 * `active: false` says nothing about why.
 */
export function apiKeyIntrospectionRoutes(deps: AuthDeps): Router {
  const router = Router();
  // The body was read (JSON, 1 MB at most) by the router-signature check before this route.
  router.post(API_KEY_INTROSPECTION_PATH, async (req, res, next) => {
    try {
      const key: unknown = req.body?.key;
      if (typeof key !== "string") {
        res.status(400).json({ error: 'Send JSON { "key": "<the API key>" }.' });
        return;
      }
      const identity = await introspectApiKey(deps, key);
      res.setHeader("cache-control", "no-store");
      res.json(identity ? { active: true, ...identity } : { active: false });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
