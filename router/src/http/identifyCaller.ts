import { bearerToken, type TokenVerifier } from "@health/platform/auth";
import { AppError, ErrorCode } from "@health/platform/errors";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import type { ApiKeyVerifier } from "../partners/apiKeyVerifier.ts";
import type { Caller } from "./caller.ts";
import { sendGraphQLError } from "./graphqlErrorResponse.ts";
import { unavailableOverHttp } from "./unavailableOverHttp.ts";

export const API_KEY_HEADER = "x-api-key";

const unauthenticated = (message: string) =>
  new GraphQLError(message, {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      http: { status: 401, headers: new Map([["www-authenticate", "Bearer"]]) },
    },
  });

/** auth could not introspect the key: 503 with auth's failure, rather than a 500 or a hang. */
function authUnreachable(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError)) return null;
  const { code } = error.extensions;
  if (code !== ErrorCode.SUBGRAPH_TIMEOUT && code !== ErrorCode.SUBGRAPH_UNAVAILABLE) return null;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 503 } } });
}

/**
 * Decides who is calling before any operation is read: a bearer token (verified here, never passed on
 * unverified), a partner API key, or nobody. A bad token or key is 401, never a silent downgrade to
 * anonymous. A signed-out-session or API-key check that cannot run is 503 UNAVAILABLE, never a pass.
 */
export function identifyCaller(verifier: TokenVerifier, apiKeys: ApiKeyVerifier | undefined): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = bearerToken(req.header("authorization"));
      const apiKey = req.header(API_KEY_HEADER);
      if (token && apiKey) {
        sendGraphQLError(
          res,
          new GraphQLError("Send either a bearer token or an x-api-key header, not both.", {
            extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
          }),
        );
        return;
      }
      const caller: Caller = { actor: null, partner: null, ip: req.ip ?? "unknown" };
      if (apiKey) {
        try {
          caller.partner = (await apiKeys?.verify(apiKey)) ?? null;
        } catch (error) {
          const failure = authUnreachable(error);
          if (failure) return sendGraphQLError(res, failure);
          throw error;
        }
        if (!caller.partner)
          return sendGraphQLError(res, unauthenticated("This API key is unknown or was revoked."));
      } else if (token) {
        try {
          caller.actor = await verifier.verify(token);
        } catch (error) {
          if (error instanceof AppError && error.code !== ErrorCode.UNAVAILABLE)
            return sendGraphQLError(res, unauthenticated(error.message));
          throw error;
        }
      }
      res.locals.caller = caller;
      next();
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.UNAVAILABLE)
        return sendGraphQLError(res, unavailableOverHttp(error));
      next(error);
    }
  };
}
