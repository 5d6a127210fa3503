import type { IncomingMessage } from "node:http";
import express, { type RequestHandler, type Response } from "express";
import type { Logger } from "pino";
import {
  ROUTER_SIGNATURE_HEADER,
  type RouterSignatureClaim,
  type RouterSignatureVerifier,
} from "../auth/routerSignature.ts";
import { ErrorCode } from "../errors/errorCode.ts";

const EMPTY = Buffer.alloc(0);

type WithRawBody = IncomingMessage & { rawBody?: Buffer };

/** The largest body a subgraph reads, as large as a WebSocket message may be. */
export const MAX_BODY = "1mb";

function refuseUnsigned(res: Response, reason: string): void {
  res.status(401).json({
    errors: [
      { message: reason, extensions: { code: ErrorCode.UNAUTHENTICATED, reason: "router-signature" } },
    ],
  });
}

/**
 * Everything but `/health`, `/ready`, `/metrics` and public routes goes through this: the header is
 * checked before the body is read (an unsigned caller costs no parsing), the signature once the JSON
 * body has been read, against its exact bytes. A refused request never reaches GraphQL.
 */
export function requireRouterSignature(verifier: RouterSignatureVerifier, logger: Logger): RequestHandler[] {
  const refuse = (res: Response, reason: string, ip: string | undefined) => {
    logger.warn({ ip, reason }, "refused a request without a valid router signature");
    refuseUnsigned(res, reason);
  };
  return [
    (req, res, next) => {
      const claim = verifier.claim(req.header(ROUTER_SIGNATURE_HEADER));
      if (!claim.ok) return refuse(res, claim.reason, req.socket.remoteAddress);
      res.locals.routerSignature = claim.value;
      next();
    },
    express.json({
      limit: MAX_BODY,
      verify: (req, _res, buffer) => {
        (req as WithRawBody).rawBody = buffer;
      },
    }),
    (req, res, next) => {
      const signed = verifier.matches(res.locals.routerSignature as RouterSignatureClaim, {
        method: req.method,
        path: req.originalUrl,
        body: (req as WithRawBody).rawBody ?? EMPTY,
        authorization: req.header("authorization"),
      });
      if (!signed)
        return refuse(res, "The router signature does not match this request.", req.socket.remoteAddress);
      next();
    },
  ];
}
