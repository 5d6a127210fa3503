import { randomBytes } from "node:crypto";
import { databaseNameOf, withDatabase } from "./databaseUrl.ts";

const MAX_IDENTIFIER_LENGTH = 63;

/** A fresh `<db>_shadow_<random>` URL on the same server as `url`. */
export function shadowDatabaseUrl(url: string): string {
  const suffix = `_shadow_${randomBytes(4).toString("hex")}`;
  const base = databaseNameOf(url).slice(0, MAX_IDENTIFIER_LENGTH - suffix.length);
  return withDatabase(url, `${base}${suffix}`);
}
