import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../prisma/databaseUnavailable.ts";
import { AppError, unavailable } from "./appError.ts";
import { ErrorCode, PROTOCOL_CODES } from "./errorCode.ts";

const CLIENT_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** type-graphql's own errors, renamed into our codes. */
const RENAMED_CODES: Record<string, ErrorCode> = { UNAUTHORIZED: ErrorCode.FORBIDDEN };

/**
 * Apollo `formatError` for every process: AppErrors and protocol errors pass with their code;
 * anything else becomes INTERNAL with a generic message, and the original is logged.
 * Stack traces never leave the process.
 */
export function createFormatError(logger: Logger) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    const code = String(formatted.extensions?.code ?? "");
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};

    if (code === ErrorCode.BAD_USER_INPUT && !extensions.field) {
      const field = fieldOfVariableError(formatted.message);
      if (field) return { ...formatted, extensions: { ...extensions, field } };
    }
    if (original instanceof AppError || CLIENT_CODES.has(code) || PROTOCOL_CODES.has(code)) {
      return { ...formatted, extensions };
    }
    if (code in RENAMED_CODES) {
      return { ...formatted, extensions: { ...extensions, code: RENAMED_CODES[code] } };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, "database unreachable");
      return { ...formatted, ...DATABASE_UNAVAILABLE };
    }
    logger.error({ err: original, path: formatted.path }, "internal error");
    return {
      message: "Internal server error. The request id in the logs has the details.",
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL },
    };
  };
}

const { message, extensions } = unavailable(
  "DATABASE",
  "The database behind this field is unreachable right now. Try again in a few seconds.",
);
const DATABASE_UNAVAILABLE = { message, extensions };

/**
 * graphql-js reports a bad variable as `Variable "$input" got invalid value "X" at "input.metric"; ...`.
 * The field it names goes into `extensions.field`, as our own BAD_USER_INPUT errors carry it.
 */
export function fieldOfVariableError(message: string): string | null {
  const match = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"/.exec(message);
  if (match) return match[2] ?? null;
  return /^Variable "\$(\w+)"/.exec(message)?.[1] ?? null;
}
