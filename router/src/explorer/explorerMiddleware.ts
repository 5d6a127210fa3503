import { readFile } from "node:fs/promises";
import { join } from "node:path";
import express, { type Request, type Response, Router } from "express";
import { ROUTER_ROOT } from "../routerRoot.ts";

export interface ExplorerMiddlewareOptions {
  /** Path of the GraphQL endpoint; a browser GET there gets the explorer, e.g. `"/graphql"`. No default. */
  path: string;
  /**
   * Folder holding the built explorer (index.html, bundles, workers), written by `npm run explorer:build`.
   * Default: `router/explorer/dist`.
   */
  distDir?: string;
  /** URL prefix the explorer's static files are served under. Default: `"/explorer"`. */
  assetsPath?: string;
}

const defaultDistDir = join(ROUTER_ROOT, "explorer", "dist");

// The page may only talk to its own origin (the router runs where there is no internet, and a token pasted
// into the header editor must not leak). Monaco sets inline styles and embeds data: images.
const contentSecurityPolicy = [
  "default-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Serves the GraphiQL explorer built into `distDir`: a GET to `path` that prefers `text/html` gets the
 * explorer page, and its hashed assets are served under `assetsPath` with a one-year immutable cache.
 * Any other request to `path` (POST, or a GET asking for JSON) falls through to the next handler, so
 * mount this before the GraphQL handler. Answers 503 when the explorer has not been built.
 */
export function explorerMiddleware(options: ExplorerMiddlewareOptions): Router {
  const distDir = options.distDir ?? defaultDistDir;
  const assetsPath = (options.assetsPath ?? "/explorer").replace(/\/+$/, "");
  const router = Router();

  router.get(options.path, async (req: Request, res: Response, next) => {
    if (req.accepts(["application/json", "application/graphql-response+json", "text/html"]) !== "text/html") {
      next();
      return;
    }
    let template: string;
    try {
      // Read on every request: a rebuild while the router runs replaces the hashed names it references.
      template = await readFile(join(distDir, "index.html"), "utf8");
    } catch {
      res
        .status(503)
        .type("text/plain")
        .send(
          `The GraphQL explorer is not built (no index.html in ${distDir}). Run: npm run explorer:build\n`,
        );
      return;
    }
    res
      .set("Cache-Control", "no-cache")
      .set("Content-Security-Policy", contentSecurityPolicy)
      .type("html")
      .send(template.replaceAll("%ASSETS%", assetsPath));
  });

  const serveAssets = express.static(distDir, { index: false, immutable: true, maxAge: "1y" });
  router.use(assetsPath, (req, res, next) => {
    // index.html is an unfilled template, and the only file whose name is not content-hashed.
    if (req.path === "/index.html") {
      next();
      return;
    }
    serveAssets(req, res, next);
  });

  return router;
}
