export { IDEMPOTENCY_TABLE_SQL } from "./idempotencyTable.ts";
export type { StoredAnswer } from "./storedAnswer.ts";
export { parametersHash } from "./storedAnswer.ts";
export type { IdempotencyDb, IdempotencyOptions, IdempotentRequest } from "./withIdempotency.ts";
export {
  DAY_MS,
  deleteExpiredIdempotencyKeys,
  startIdempotencySweeper,
  withIdempotency,
} from "./withIdempotency.ts";
