import { createHash } from "node:crypto";

/** The checksum Prisma stores in `_prisma_migrations.checksum`: sha256 of the script, hex. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether `script` is the one recorded as `checksum`. Like the schema engine, a script that only
 * differs in line endings (git's autocrlf on Windows) still matches.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const lf = script.replace(/\r\n/g, "\n");
  const variants = [script, lf, lf.replace(/\n/g, "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}
