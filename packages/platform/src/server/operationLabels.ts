import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Kind, parse } from "graphql";
import { ErrorCode, PROTOCOL_CODES } from "../errors/errorCode.ts";

/** What an operation is counted as: its name when known, else `anonymous` (unnamed) or `other`. */
export type OperationLabel = (operationName: string | null | undefined) => string;

// The gateway names a subgraph fetch `<Operation>__<subgraph>__<n>`: counted under the client's operation.
const FETCH_SUFFIX = /__[A-Za-z0-9_-]+?__\d+$/;

/**
 * Labels by the operation names of the persisted-documents manifest: a client chooses its operation's
 * name, so only names the platform ships become label values and `/metrics` stays bounded whatever clients
 * send. Without the manifest every named operation is `other`. Default: `PERSISTED_DOCUMENTS_PATH`, else
 * the repository's `schema/persisted-documents.json`, found upwards from this code (run from source or
 * bundled into `<workspace>/dist`, from any working directory).
 */
export function operationLabelFromManifest(
  manifestPath = process.env.PERSISTED_DOCUMENTS_PATH ?? findUpwards(MANIFEST, import.meta.dirname),
): OperationLabel {
  return operationLabel(manifestPath ? manifestOperationNames(resolve(manifestPath)) : new Set());
}

const MANIFEST = join("schema", "persisted-documents.json");

function findUpwards(path: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, path))) return join(dir, path);
    if (dirname(dir) === dir) return undefined;
  }
}

export function operationLabel(known: ReadonlySet<string>): OperationLabel {
  return (operationName) => {
    if (!operationName) return "anonymous";
    const name = operationName.replace(FETCH_SUFFIX, "");
    return known.has(name) ? name : "other";
  };
}

function manifestOperationNames(path: string): Set<string> {
  let manifest: Record<string, string>;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return new Set();
  }
  const names = new Set<string>();
  for (const document of Object.values(manifest))
    for (const definition of parse(document).definitions)
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.add(definition.name.value);
  return names;
}

const KNOWN_CODES: ReadonlySet<string> = new Set([...Object.values(ErrorCode), ...PROTOCOL_CODES]);

/** An error's `extensions.code` as a label: the platform's and Apollo's codes, anything else `OTHER`. */
export const errorCodeLabel = (code: unknown): string =>
  typeof code === "string" && KNOWN_CODES.has(code) ? code : "OTHER";

// The platform failed the caller: the error-rate target counts these, not refusals of bad requests.
const SERVER_FAULTS: ReadonlySet<string> = new Set([
  ErrorCode.INTERNAL,
  ErrorCode.UNAVAILABLE,
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  ErrorCode.SUBGRAPH_TIMEOUT,
  "OTHER",
]);

/** Whether an error code (as labelled) is the platform's fault rather than the caller's. */
export const isServerFault = (code: string): boolean => SERVER_FAULTS.has(code);
