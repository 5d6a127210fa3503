export { anonymised, deleted, tombstoned } from "./erasedTables.ts";
export {
  ERASED_USERS_POLICY,
  ERASED_USERS_TABLE_SQL,
  erasedAmong,
  erasedAmongLocked,
  erasedUserKey,
  rememberErasure,
  tombstonesOf,
} from "./erasedUsers.ts";
export { exportJsonBytes } from "./exportJson.ts";
export type { ExportStoreOptions, StoredObject } from "./exportStore.ts";
export { ExportStore, exportBucketName, exportPartName, sha256Hex } from "./exportStore.ts";
export type { LateEventOptions } from "./lateEvents.ts";
export { ErasedPersonEventError, personIdsIn, replacePersonIds, skippingErased } from "./lateEvents.ts";
export { eraseFromMechanismTables, MECHANISM_TABLE_POLICIES } from "./mechanismTables.ts";
export { EXPORT_PART_FORMAT, privacyConsumer, privacyConsumerName } from "./privacyConsumer.ts";
export type {
  ErasedSubject,
  ErasedTable,
  ErasurePolicyAction,
  ExportSections,
  SubgraphPrivacy,
  TablePolicy,
} from "./subgraphPrivacy.ts";
export type { ArchiveFile } from "./tarArchive.ts";
export { tarGz, untarGz } from "./tarArchive.ts";
export type { Trace } from "./traces.ts";
export { domainRows, findTraces, policyGaps, tablesOf } from "./traces.ts";
