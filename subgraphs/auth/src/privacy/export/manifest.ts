import type { DataHolder } from "@health/events/privacy";

/** The format `manifest.json` declares, for whoever reads an archive years later. */
export const EXPORT_ARCHIVE_FORMAT = "health-platform/export/1";

/** One subgraph's file in the archive, as the manifest lists it. */
export interface ManifestPart {
  subgraph: DataHolder;
  file: string;
  sha256: string;
  bytes: number;
  sections: Record<string, number>;
}

export interface ExportManifest {
  format: typeof EXPORT_ARCHIVE_FORMAT;
  exportId: string;
  userId: string;
  requestedAt: string;
  assembledAt: string;
  parts: ManifestPart[];
}

/** The archive's file name of a subgraph's part. */
export const partFileName = (subgraph: DataHolder): string => `${subgraph}.json`;

/** The archive's table of contents: each part's file, checksum, size and items per section. */
export function buildManifest(
  exported: { id: string; userId: string; requestedAt: Date },
  parts: ReadonlyArray<Omit<ManifestPart, "file">>,
  assembledAt: Date,
): ExportManifest {
  return {
    format: EXPORT_ARCHIVE_FORMAT,
    exportId: exported.id,
    userId: exported.userId,
    requestedAt: exported.requestedAt.toISOString(),
    assembledAt: assembledAt.toISOString(),
    parts: parts.map((part) => ({
      subgraph: part.subgraph,
      file: partFileName(part.subgraph),
      sha256: part.sha256,
      bytes: part.bytes,
      sections: part.sections,
    })),
  };
}
