import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, unwatchFile, watchFile } from "node:fs";
import { join } from "node:path";
import type { Logger } from "@health/platform/logging";
import { Kind, parse } from "graphql";

export interface PersistedDocument {
  id: string;
  body: string;
  operationName: string | null;
  /** The partner scope that may run it (its folder under the partner operations), or null for first-party only. */
  partnerScope: string | null;
}

export interface PersistedDocumentsSource {
  /** `schema/persisted-documents.json`: `{ "<sha256>": "<document>" }`, written by codegen. */
  manifestPath: string;
  /** `schema/operations/partner`: one folder per scope, holding that scope's operations. */
  partnerOperationsDir: string;
}

export const documentIdOf = (body: string): string => createHash("sha256").update(body).digest("hex");

/**
 * The trusted-documents manifest, reloaded when its file changes (no restart). A manifest that fails to
 * load leaves the previous one in service and is logged.
 */
export class PersistedDocuments {
  private documents = new Map<string, PersistedDocument>();

  constructor(
    private readonly source: PersistedDocumentsSource,
    private readonly logger: Logger,
  ) {
    this.documents = loadManifest(source);
  }

  get(id: string): PersistedDocument | undefined {
    return this.documents.get(id);
  }

  get size(): number {
    return this.documents.size;
  }

  reload(): void {
    try {
      this.documents = loadManifest(this.source);
      this.logger.info({ documents: this.documents.size }, "persisted documents reloaded");
    } catch (error) {
      this.logger.error(
        { err: error },
        "persisted documents did not reload; the previous manifest stays in service",
      );
    }
  }

  /** Polls the manifest file (stat every `intervalMs`): survives editors and deploys that replace the file. */
  watch(intervalMs = 1000): () => void {
    const listener = () => this.reload();
    watchFile(this.source.manifestPath, { interval: intervalMs }, listener);
    return () => unwatchFile(this.source.manifestPath, listener);
  }
}

function loadManifest({
  manifestPath,
  partnerOperationsDir,
}: PersistedDocumentsSource): Map<string, PersistedDocument> {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  const scopes = partnerScopesByOperation(partnerOperationsDir);
  const documents = new Map<string, PersistedDocument>();
  for (const [id, body] of Object.entries(manifest)) {
    if (typeof body !== "string")
      throw new Error(`${manifestPath}: the entry ${id} is not a document string`);
    if (documentIdOf(body) !== id)
      throw new Error(`${manifestPath}: the entry ${id} is not the SHA-256 of its document`);
    const operationName = operationNameOf(body);
    documents.set(id, {
      id,
      body,
      operationName,
      partnerScope: operationName ? (scopes.get(operationName) ?? null) : null,
    });
  }
  return documents;
}

/** Operation name → scope, from `<partnerOperationsDir>/<scope>/*.graphql`. */
function partnerScopesByOperation(dir: string): Map<string, string> {
  const scopes = new Map<string, string>();
  if (!existsSync(dir)) return scopes;
  for (const scope of readdirSync(dir, { withFileTypes: true })) {
    if (!scope.isDirectory()) continue;
    for (const file of readdirSync(join(dir, scope.name))) {
      if (!file.endsWith(".graphql")) continue;
      const name = operationNameOf(readFileSync(join(dir, scope.name, file), "utf8"));
      if (name) scopes.set(name, scope.name);
    }
  }
  return scopes;
}

function operationNameOf(body: string): string | null {
  for (const definition of parse(body, { noLocation: true }).definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value ?? null;
  return null;
}
