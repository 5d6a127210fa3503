import { randomUUID } from "node:crypto";
import { privacyAnswersOf } from "@health/events/catalog";
import type { DataHolder } from "@health/events/privacy";
import { prepareEvent } from "@health/platform/events";
import { exportJsonBytes, exportPartName, type StoredObject } from "@health/platform/privacy";
import { eventually } from "@health/platform/testing";
import type { AuthHarness } from "./harness.ts";

// Acting as every data-holding subgraph in auth's export tests: writes a part to the export store and
// publishes that subgraph's data_export_part_ready on the harness's streams, as privacyConsumer does.

const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken user { id } }
}`;
const REFRESH = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }";

export interface Person {
  id: string;
  token: string;
  refreshToken: string;
  roles: Array<"user" | "admin">;
}

export async function signUp(auth: AuthHarness): Promise<Person> {
  const result = await auth.request<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(REGISTER, {
    input: { email: `x-${randomUUID()}@example.com`, password: "correct-horse-42", displayName: "Xu" },
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const { accessToken, refreshToken, user } = result.data.register;
  return { id: user.id, token: accessToken, refreshToken, roles: ["user"] };
}

export async function makeAdmin(auth: AuthHarness): Promise<Person> {
  const person = await signUp(auth);
  await auth.deps.db.account.update({ where: { id: person.id }, data: { roles: ["user", "admin"] } });
  const result = await auth.request<{ refreshToken: { accessToken: string; refreshToken: string } }>(
    REFRESH,
    { t: person.refreshToken },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return {
    ...person,
    token: result.data.refreshToken.accessToken,
    refreshToken: result.data.refreshToken.refreshToken,
    roles: ["user", "admin"],
  };
}

/** `subgraph`'s part as it would write it: one section holding one item that names the subgraph. */
export const partBytes = (subgraph: DataHolder, exportId: string, userId: string): Uint8Array =>
  exportJsonBytes({
    format: "health-platform/export-part/1",
    subgraph,
    exportId,
    userId,
    generatedAt: new Date().toISOString(),
    sections: { items: [{ id: `${subgraph}-item`, subgraph }] },
  });

/** Writes `subgraph`'s part to the store (its own bytes unless given) and returns what was stored. */
export const writePart = (
  auth: AuthHarness,
  subgraph: DataHolder,
  exportId: string,
  userId: string,
  bytes = partBytes(subgraph, exportId, userId),
): Promise<StoredObject> => auth.deps.exports.put(exportPartName(exportId, subgraph), bytes);

/**
 * Publishes `subgraph`'s data_export_part_ready for `stored` (a checksum of its own when given); returns
 * the event's id.
 */
export async function announcePart(
  auth: AuthHarness,
  subgraph: DataHolder,
  exportId: string,
  stored: StoredObject,
  sha256 = stored.sha256,
): Promise<string> {
  const event = privacyAnswersOf[subgraph].partReady;
  const { envelope } = prepareEvent(
    event,
    { exportId, objectName: stored.name, sha256, bytes: stored.bytes, sections: { items: 1 } },
    { aggregateId: exportId, actorId: null },
  );
  await auth.publish(event, envelope);
  return envelope.id;
}

/** Waits until auth's consumer has handled the event `eventId` (its inbox row committed). */
export async function handled(auth: AuthHarness, eventId: string): Promise<void> {
  const seen = () => auth.deps.db.inboxEvent.count({ where: { eventId } });
  if ((await eventually(seen, (count) => count > 0, 20_000)) === 0)
    throw new Error(`auth never handled event ${eventId}`);
}

/**
 * `subgraph` answers the export: its part written, then announced. auth answers for itself (its own
 * auth-privacy consumer runs here): for it, this waits for that answer and returns its event's id.
 */
export async function answer(
  auth: AuthHarness,
  subgraph: DataHolder,
  exportId: string,
  userId: string,
): Promise<string> {
  if (subgraph === "auth") return ownAnswer(auth, exportId);
  return announcePart(auth, subgraph, exportId, await writePart(auth, subgraph, exportId, userId));
}

/** The id of auth's own data_export_part_ready for `exportId`, once its consumer has handled it. */
async function ownAnswer(auth: AuthHarness, exportId: string): Promise<string> {
  const announced = () =>
    auth.deps.db.outboxEvent.findFirst({
      where: { subject: privacyAnswersOf.auth.partReady.subject, aggregateId: exportId },
    });
  const row = await eventually(announced, (found) => found !== null, 20_000);
  if (!row) throw new Error(`auth never answered export ${exportId} for itself`);
  await handled(auth, row.id);
  return row.id;
}
