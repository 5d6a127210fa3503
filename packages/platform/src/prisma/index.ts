export type { PrismaClientClass, PrismaClientOptions } from "./createPrismaClient.ts";
export { createPrismaClient } from "./createPrismaClient.ts";
export { isDatabaseUnavailable } from "./databaseUnavailable.ts";
export type { PostgresFailure } from "./postgresFailure.ts";
export { isUniqueViolation, postgresFailure } from "./postgresFailure.ts";
export { withSavepoint } from "./savepoint.ts";
