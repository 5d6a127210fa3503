import { GraphQLError } from "graphql";
import { ErrorCode } from "./errorCode.ts";

export interface AppErrorOptions {
  /** The input field at fault, for BAD_USER_INPUT (a dotted path such as `input.systolic`). */
  field?: string;
  /** Extra machine-readable facts safe to show a client (e.g. `currentState`). */
  details?: Record<string, unknown>;
}

/** The one error type domain code throws; its message is shown to the client as written. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    // An expected outcome (a lost grab, a bad input), not a bug: its stack is never shown or logged, and
    // capturing one per refusal is a measurable cost on hot paths.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, {
      extensions: { code, ...(options.field ? { field: options.field } : {}), ...options.details },
    });
    Error.stackTraceLimit = stackTraceLimit;
    this.name = "AppError";
    this.code = code;
  }
}

export const badInput = (field: string, message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field });

export const unauthenticated = (message = "Sign in first: this needs a valid access token."): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message: string): AppError => new AppError(ErrorCode.FORBIDDEN, message);

export const notFound = (what: string, id: string): AppError =>
  new AppError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist or is not visible to you.`);

export const conflict = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError(ErrorCode.CONFLICT, message, details ? { details } : {});

export const rateLimited = (message: string, retryAfterSeconds: number): AppError =>
  new AppError(ErrorCode.RATE_LIMITED, message, { details: { retryAfterSeconds } });

/** Which check could not run, in `extensions.reason` of an UNAVAILABLE error. */
export type UnavailableReason =
  | "DATABASE"
  | "TOKEN_KEYS"
  | "SESSION_CHECK"
  | "CREDENTIAL_LIMIT"
  | "SESSION_REVOCATION"
  | "API_KEY_CHECK"
  | "API_KEY_REVOCATION";

export const unavailable = (reason: UnavailableReason, message: string): AppError =>
  new AppError(ErrorCode.UNAVAILABLE, message, { details: { reason, retryAfterSeconds: 5 } });
