import { NatsError } from "nats";

// JetStream API error codes (nats-server's errors.json).
const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;
const NO_MESSAGE_FOUND = 10037;

const apiErrorCode = (error: unknown): number | undefined =>
  error instanceof NatsError ? error.api_error?.err_code : undefined;

export const isStreamNotFound = (error: unknown): boolean => apiErrorCode(error) === STREAM_NOT_FOUND;
export const isConsumerNotFound = (error: unknown): boolean => apiErrorCode(error) === CONSUMER_NOT_FOUND;
export const isNoMessageFound = (error: unknown): boolean => apiErrorCode(error) === NO_MESSAGE_FOUND;

/** The server refused a publish or request for this connection's user (deploy/nats/nats-server.conf). */
export const isPermissionViolation = (error: unknown): boolean =>
  error instanceof NatsError && error.isPermissionError();

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
