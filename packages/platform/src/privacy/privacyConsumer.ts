import { accountErasureStartedV1, dataExportRequestedV1, privacyAnswersOf } from "@health/events/catalog";
import { on } from "../events/handlers.ts";
import { publishEvent } from "../events/publishEvent.ts";
import type { TransactionalDb } from "../events/sql.ts";
import type { ConsumerSpec } from "../server/connectSubgraph.ts";
import { exportJsonBytes } from "./exportJson.ts";
import { type ExportStore, exportPartName } from "./exportStore.ts";
import { eraseFromMechanismTables } from "./mechanismTables.ts";
import type { SubgraphPrivacy } from "./subgraphPrivacy.ts";

/** The format a part's JSON declares, for whoever reads an archive years later. */
export const EXPORT_PART_FORMAT = "health-platform/export-part/1";

/** `<subgraph>-privacy`: one durable consumer per subgraph, so an export never waits behind its other work. */
export const privacyConsumerName = (privacy: Pick<SubgraphPrivacy, "subgraph">): string =>
  `${privacy.subgraph}-privacy`;

/**
 * The subgraph's durable consumer of auth's data-subject requests (ARCHITECTURE rule 3: durable, so a
 * subgraph that was down answers when it comes back):
 * - `data_export_requested`: collects the person's data, writes it to the export store as
 *   `<exportId>/<subgraph>.json`, and answers `data_export_part_ready` with its checksum and counts;
 * - `account_erasure_started`: erases the person (its domain tables, then the platform's own), clears what
 *   lives outside the database, and answers `account_erasure_acknowledged` with counts per table, all in
 *   the consumer's transaction.
 */
export function privacyConsumer(
  privacy: SubgraphPrivacy,
  connections: { db: TransactionalDb; exports: ExportStore },
): ConsumerSpec {
  const answers = privacyAnswersOf[privacy.subgraph];
  return {
    name: privacyConsumerName(privacy),
    db: connections.db,
    handlers: [
      on(dataExportRequestedV1, async (tx, { payload }) => {
        const sections = await privacy.collect(tx, payload.userId);
        const part = await connections.exports.put(
          exportPartName(payload.exportId, privacy.subgraph),
          exportJsonBytes({
            format: EXPORT_PART_FORMAT,
            subgraph: privacy.subgraph,
            exportId: payload.exportId,
            userId: payload.userId,
            generatedAt: new Date().toISOString(),
            sections,
          }),
        );
        await publishEvent(
          tx,
          answers.partReady,
          {
            exportId: payload.exportId,
            objectName: part.name,
            sha256: part.sha256,
            bytes: part.bytes,
            sections: Object.fromEntries(
              Object.entries(sections).map(([name, items]) => [name, items.length]),
            ),
          },
          { aggregateId: payload.exportId, actorId: null },
        );
      }),
      on(accountErasureStartedV1, async (tx, { payload }) => {
        const subject = {
          erasureId: payload.erasureId,
          userId: payload.userId,
          tombstoneId: payload.tombstoneId,
        };
        const tables = [
          ...(await privacy.erase(tx, subject)),
          ...(await eraseFromMechanismTables(tx, subject)),
        ];
        await privacy.purgeOutside?.(subject);
        await publishEvent(
          tx,
          answers.acknowledged,
          { erasureId: payload.erasureId, tables },
          { aggregateId: payload.erasureId, actorId: null },
        );
      }),
    ],
  };
}
