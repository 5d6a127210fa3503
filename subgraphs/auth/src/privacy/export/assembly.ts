import { privacyAnswersOf } from "@health/events/catalog";
import { DATA_HOLDERS, type DataHolder } from "@health/events/privacy";
import { type HandlerEffects, type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import { type ArchiveFile, exportJsonBytes, sha256Hex, tarGz } from "@health/platform/privacy";
import type { Logger } from "pino";
import type { AuthTx } from "../../db.ts";
import type { AuthDeps } from "../../deps.ts";
import type { DataExport, DataExportPart } from "../../generated/prisma/client.ts";
import { exportState } from "./exportState.ts";
import { buildManifest, partFileName } from "./manifest.ts";
import { publishExportUpdate } from "./updates.ts";

export type AssemblyDeps = Pick<AuthDeps, "exports" | "pubSub" | "config"> & { logger: Logger };

interface PartAnnouncement {
  exportId: string;
  objectName: string;
  sha256: string;
  bytes: number;
  sections: Record<string, number>;
}

const asAuthTx = (tx: SqlExecutor): AuthTx => tx as unknown as AuthTx;

/** The archive's name in the export store. */
export const archiveObjectName = (exportId: string): string => `${exportId}/archive.tar.gz`;

/**
 * auth's handlers of every data-holding subgraph's `data_export_part_ready` (they run in auth's
 * `auth-privacy` consumer): each records its part and, once all ten are in, assembles the archive.
 */
export const exportAssemblyHandlers = (deps: AssemblyDeps): HandlerRegistration[] =>
  DATA_HOLDERS.map((subgraph) =>
    on(privacyAnswersOf[subgraph].partReady, (tx, { payload }, effects) =>
      receivePart(deps, asAuthTx(tx), subgraph, payload, effects),
    ),
  );

const samePart = (row: DataExportPart, part: PartAnnouncement) =>
  row.objectName === part.objectName && row.sha256 === part.sha256 && row.bytes === part.bytes;

/**
 * Records `subgraph`'s part of an export still REQUESTED (a repeat of the same announcement changes
 * nothing; a new one for the same subgraph replaces it, since the store holds its latest bytes) and
 * assembles once every subgraph's part is in. The export row is locked first, so two parts arriving at
 * once are recorded one after the other and the archive is assembled once.
 */
async function receivePart(
  deps: AssemblyDeps,
  tx: AuthTx,
  subgraph: DataHolder,
  part: PartAnnouncement,
  effects: HandlerEffects,
): Promise<void> {
  const locked = await tx.$queryRawUnsafe<Array<{ status: string }>>(
    `SELECT "status" FROM "data_exports" WHERE "id" = $1::uuid FOR UPDATE`,
    part.exportId,
  );
  if (locked[0]?.status !== "REQUESTED") {
    deps.logger.info(
      { exportId: part.exportId, subgraph },
      "data export part for no export in progress; ignored",
    );
    return;
  }
  const known = await tx.dataExportPart.findUnique({
    where: { exportId_subgraph: { exportId: part.exportId, subgraph } },
  });
  if (known && samePart(known, part)) return;
  const fields = {
    objectName: part.objectName,
    sha256: part.sha256,
    bytes: part.bytes,
    sections: part.sections,
  };
  await tx.dataExportPart.upsert({
    where: { exportId_subgraph: { exportId: part.exportId, subgraph } },
    create: { exportId: part.exportId, subgraph, ...fields },
    update: { ...fields, receivedAt: new Date() },
  });
  const row = await tx.dataExport.update({
    where: { id: part.exportId },
    data: { version: { increment: 1 } },
    include: { parts: true },
  });
  const assembled =
    row.parts.length === DATA_HOLDERS.length ? await assemble(deps, tx, row, row.parts) : null;
  const state = exportState(assembled ?? row, row.parts);
  effects.afterCommit(async () => {
    if (assembled) await deps.exports.delete(row.parts.map((p) => p.objectName));
    publishExportUpdate(deps.pubSub, state);
  });
}

/**
 * Reads every part back from the store, checks each against the checksum its subgraph announced,
 * writes `manifest.json` and the parts into `<exportId>/archive.tar.gz` and marks the export READY.
 * A part missing or not matching its checksum leaves the export REQUESTED (logged as an error): its
 * subgraph's next announcement of the part assembles it.
 */
async function assemble(
  deps: AssemblyDeps,
  tx: AuthTx,
  row: DataExport,
  parts: DataExportPart[],
): Promise<DataExport | null> {
  const files: ArchiveFile[] = [];
  const listed = [];
  for (const subgraph of DATA_HOLDERS) {
    const part = parts.find((p) => p.subgraph === subgraph);
    const bytes = part ? await deps.exports.get(part.objectName) : null;
    if (!part || !bytes || sha256Hex(bytes) !== part.sha256 || bytes.byteLength !== part.bytes) {
      deps.logger.error(
        { exportId: row.id, subgraph, objectName: part?.objectName, found: bytes !== null },
        "data export part missing or not matching its announced checksum; the export stays REQUESTED",
      );
      return null;
    }
    files.push({ name: partFileName(subgraph), bytes });
    listed.push({
      subgraph,
      sha256: part.sha256,
      bytes: part.bytes,
      sections: part.sections as Record<string, number>,
    });
  }
  const assembledAt = new Date();
  const manifest = buildManifest(row, listed, assembledAt);
  const archive = await deps.exports.put(
    archiveObjectName(row.id),
    tarGz([{ name: "manifest.json", bytes: exportJsonBytes(manifest) }, ...files], assembledAt),
  );
  return tx.dataExport.update({
    where: { id: row.id },
    data: {
      status: "READY",
      version: { increment: 1 },
      readyAt: assembledAt,
      expiresAt: new Date(assembledAt.getTime() + deps.config.DATA_EXPORT_RETENTION_SECONDS * 1000),
      archiveObject: archive.name,
      archiveSha256: archive.sha256,
      archiveBytes: archive.bytes,
    },
  });
}
