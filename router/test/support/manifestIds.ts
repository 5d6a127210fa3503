import { readFileSync } from "node:fs";
import { TEST_PERSISTED_DOCUMENTS } from "./startPlatform.ts";

/** The committed manifest the test platform serves: id → document text. */
export const manifest = JSON.parse(
  readFileSync(TEST_PERSISTED_DOCUMENTS.source.manifestPath, "utf8"),
) as Record<string, string>;

/** The committed manifest's id of the operation named `operationName`, as a partner sends it. */
export function manifestIdOf(operationName: string): string {
  const entry = Object.entries(manifest).find(([, body]) =>
    new RegExp(`\\b${operationName}\\b[(\\s{]`).test(body),
  );
  if (!entry) throw new Error(`${operationName} is not in schema/persisted-documents.json`);
  return entry[0];
}
