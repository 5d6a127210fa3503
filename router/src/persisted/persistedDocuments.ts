import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, unwatchFile, watchFile } from "node:fs";
import { join } from "node:path";
import type { Logger } from "@health/platform/logging";
import { type DocumentNode, Kind, parse, print } from "graphql";

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
  private manifest: Manifest;

  constructor(
    private readonly source: PersistedDocumentsSource,
    private readonly logger: Logger,
  ) {
    this.manifest = loadManifest(source);
  }

  get(id: string): PersistedDocument | undefined {
    return this.manifest.byId.get(id);
  }

  /**
   * The manifest entry whose document prints as `printed` (`print(document)`), whatever its whitespace or
   * comments: a WebSocket subscribe reaches the router already parsed.
   */
  printedAs(printed: string): PersistedDocument | undefined {
    return this.manifest.byPrinted.get(printed);
  }

  get size(): number {
    return this.manifest.byId.size;
  }

  reload(): void {
    try {
      this.manifest = loadManifest(this.source);
      this.logger.info({ documents: this.size }, "persisted documents reloaded");
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

interface Manifest {
  byId: Map<string, PersistedDocument>;
  /** By `print(parse(body))`. */
  byPrinted: Map<string, PersistedDocument>;
}

function loadManifest({ manifestPath, partnerOperationsDir }: PersistedDocumentsSource): Manifest {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  const scopes = partnerScopesByOperation(partnerOperationsDir);
  const byId = new Map<string, PersistedDocument>();
  const byPrinted = new Map<string, PersistedDocument>();
  for (const [id, body] of Object.entries(manifest)) {
    if (typeof body !== "string")
      throw new Error(`${manifestPath}: the entry ${id} is not a document string`);
    if (documentIdOf(body) !== id)
      throw new Error(`${manifestPath}: the entry ${id} is not the SHA-256 of its document`);
    const parsed = parse(body, { noLocation: true });
    const operationName = operationNameOf(parsed);
    const document = {
      id,
      body,
      operationName,
      partnerScope: operationName ? (scopes.get(operationName) ?? null) : null,
    };
    byId.set(id, document);
    byPrinted.set(print(parsed), document);
  }
  return { byId, byPrinted };
}

/** Operation name → scope, from `<partnerOperationsDir>/<scope>/*.graphql`. */
function partnerScopesByOperation(dir: string): Map<string, string> {
  const scopes = new Map<string, string>();
  if (!existsSync(dir)) return scopes;
  for (const scope of readdirSync(dir, { withFileTypes: true })) {
    if (!scope.isDirectory()) continue;
    for (const file of readdirSync(join(dir, scope.name))) {
      if (!file.endsWith(".graphql")) continue;
      const name = operationNameOf(
        parse(readFileSync(join(dir, scope.name, file), "utf8"), { noLocation: true }),
      );
      if (name) scopes.set(name, scope.name);
    }
  }
  return scopes;
}

function operationNameOf(document: DocumentNode): string | null {
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value ?? null;
  return null;
}
