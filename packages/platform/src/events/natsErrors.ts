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

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
