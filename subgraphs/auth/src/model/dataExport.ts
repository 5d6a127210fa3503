import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { DataExportState } from "../privacy/export/exportState.ts";

export enum DataExportStatus {
  REQUESTED = "REQUESTED",
  READY = "READY",
  EXPIRED = "EXPIRED",
}

registerEnumType(DataExportStatus, {
  name: "DataExportStatus",
  description:
    "REQUESTED while the subgraphs write their parts, READY once the archive is assembled (downloadable by its owner), EXPIRED once the retention period deleted it.",
});

@ObjectType({ description: "A short-lived signed link to an export's archive, minted fresh on every read." })
export class DataExportDownload {
  @Field(() => String, {
    description:
      "GET it with the owner's own `Authorization: Bearer <access token>`: the link alone is not enough, and works for no one else.",
  })
  url!: string;

  @Field(() => Date, { description: "When the link stops working; read the export again for a new one." })
  expiresAt!: Date;
}

@ObjectType({
  description:
    "A copy of everything the platform holds about a person: one JSON file per subgraph and a manifest with their checksums, in a tar.gz archive.",
})
export class DataExport {
  @Field(() => ID)
  id!: string;

  /** The person the export is about (only they get a download link). */
  userId!: string;

  @Field(() => DataExportStatus)
  status!: DataExportStatus;

  @Field(() => Date)
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  readyAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the archive is deleted (READY exports)." })
  expiresAt!: Date | null;

  @Field(() => [String], { description: "The subgraphs whose part is in." })
  subgraphsReady!: string[];

  @Field(() => [String], { description: "The subgraphs whose part is still awaited." })
  subgraphsPending!: string[];
}

export const toDataExport = (state: DataExportState): DataExport => ({
  id: state.id,
  userId: state.userId,
  status: state.status as DataExportStatus,
  requestedAt: new Date(state.requestedAt),
  readyAt: state.readyAt ? new Date(state.readyAt) : null,
  expiresAt: state.expiresAt ? new Date(state.expiresAt) : null,
  subgraphsReady: state.subgraphsReady,
  subgraphsPending: state.subgraphsPending,
});
