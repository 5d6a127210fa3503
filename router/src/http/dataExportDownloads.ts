import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { ROUTER_SIGNATURE_HEADER, type RouterSigner } from "@health/platform/auth";
import type { Logger } from "@health/platform/logging";
import type { RequestHandler, Response } from "express";

/** The public path of an export's archive; auth serves the same path (its `dataExportDownloadRoutes`). */
export const DATA_EXPORT_ARCHIVE_PATH = "/data-exports/:id/archive";

export interface DataExportDownloadsOptions {
  /** The auth subgraph's URL as the supergraph (or `SUBGRAPH_URL_AUTH`) names it; only its origin is used. */
  authUrl: string;
  /** Signs the forwarded request, as every request to a subgraph is. */
  signer?: RouterSigner;
  /** How long auth may stay silent (before answering, or between chunks) before the download fails. Default 30 s. */
  timeoutMs?: number;
  logger: Logger;
}

/** What auth's answer keeps on its way to the client; nothing else of auth's leaks out. */
const FORWARDED = ["content-type", "content-length", "content-disposition", "cache-control", "retry-after"];

const unavailable = (res: Response): void => {
  res
    .status(503)
    .setHeader("retry-after", "5")
    .json({
      error: {
        code: "UNAVAILABLE",
        message:
          "Data export downloads are unavailable right now (auth is not answering); try the link again shortly.",
      },
    });
};

const pick = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    FORWARDED.flatMap((name) => (typeof headers[name] === "string" ? [[name, headers[name] as string]] : [])),
  );

/**
 * `GET /data-exports/:id/archive?token=...` forwarded to auth, which checks the link and the caller's
 * own access token and answers with the archive; streamed through, never buffered here. Auth down or
 * silent for `timeoutMs`: 503 with a message saying to retry.
 */
export function dataExportDownloads(options: DataExportDownloadsOptions): RequestHandler {
  const auth = new URL(options.authUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const send = auth.protocol === "https:" ? httpsRequest : httpRequest;
  return (req, res) => {
    const path = req.originalUrl;
    const authorization = req.header("authorization");
    const headers: Record<string, string> = { "x-request-id": String(res.getHeader("x-request-id") ?? "") };
    if (authorization) headers.authorization = authorization;
    if (options.signer)
      headers[ROUTER_SIGNATURE_HEADER] = options.signer.sign({
        method: "GET",
        path,
        body: "",
        authorization,
      });
    const upstream = send(new URL(path, auth.origin), { method: "GET", headers }, (answer) => {
      res.status(answer.statusCode ?? 502).set(pick(answer.headers));
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    upstream.setTimeout(timeoutMs, () => upstream.destroy(new Error(`auth was silent for ${timeoutMs} ms`)));
    upstream.on("error", (err) => {
      options.logger.warn({ err, path: req.path }, "data export download: auth did not answer");
      if (res.headersSent) res.destroy();
      else unavailable(res);
    });
    // A client that goes away stops the transfer from auth too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end();
  };
}
