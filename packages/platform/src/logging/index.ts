export type { Logger } from "pino";
export { createLogger, currentRequestId, withRequestId } from "./logger.ts";
