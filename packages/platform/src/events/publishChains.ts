import type { JetStreamClient } from "nats";
import { tracePublish } from "./eventSpans.ts";
import { errorMessage } from "./natsErrors.ts";
import { isBefore, type OutboxFailure, type OutboxRow, type RowKey } from "./outboxTable.ts";
import { busSubject, type EventBusOptions } from "./subjects.ts";

const encoder = new TextEncoder();

/**
 * Splits claimed rows (in outbox order) into one chain per aggregate. A chain stops before the first
 * row that must wait (behind a row another relay holds, or not yet due for a retry): nothing later of
 * that aggregate may overtake it.
 */
export function planChains(
  rows: readonly OutboxRow[],
  heldElsewhere: ReadonlyMap<string, RowKey>,
  isDue: (id: string) => boolean,
): OutboxRow[][] {
  const chains = new Map<string, OutboxRow[]>();
  const blocked = new Set<string>();
  for (const row of rows) {
    if (blocked.has(row.aggregateId)) continue;
    const held = heldElsewhere.get(row.aggregateId);
    if ((held && isBefore(held, row)) || !isDue(row.id)) {
      blocked.add(row.aggregateId);
      continue;
    }
    const chain = chains.get(row.aggregateId);
    if (chain) chain.push(row);
    else chains.set(row.aggregateId, [row]);
  }
  return [...chains.values()];
}

export interface ChainResults {
  sent: string[];
  failures: OutboxFailure[];
}

/**
 * Publishes the chains concurrently, each chain in order; the first failure ends its chain. The row id
 * is the `Nats-Msg-Id`, so a row published twice (a relay that died before marking it) is stored once.
 */
export async function publishChains(
  js: JetStreamClient,
  chains: readonly OutboxRow[][],
  options: EventBusOptions & { timeoutMs: number },
): Promise<ChainResults> {
  const results: ChainResults = { sent: [], failures: [] };
  await Promise.all(
    chains.map(async (chain) => {
      for (const row of chain) {
        try {
          await tracePublish(row.subject, row.envelope, (headers) =>
            js.publish(busSubject(row.subject, options), encoder.encode(JSON.stringify(row.envelope)), {
              msgID: row.id,
              headers,
              timeout: options.timeoutMs,
            }),
          );
          results.sent.push(row.id);
        } catch (error) {
          results.failures.push({ id: row.id, error: errorMessage(error) });
          return;
        }
      }
    }),
  );
  return results;
}
