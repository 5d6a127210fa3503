export type { AppErrorOptions, UnavailableReason } from "./appError.ts";
export {
  AppError,
  badInput,
  conflict,
  forbidden,
  notFound,
  rateLimited,
  unauthenticated,
  unavailable,
} from "./appError.ts";
export { assertNever } from "./assertNever.ts";
export { ErrorCode, PROTOCOL_CODES } from "./errorCode.ts";
export { createFormatError } from "./formatError.ts";
