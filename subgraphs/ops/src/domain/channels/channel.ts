import type { OpsTx } from "../../db.ts";
import type { NotificationChannel, NotificationKind } from "../../generated/prisma/enums.ts";
import type { NotificationData } from "../notifications/rules.ts";

/** One notification for one recipient, as every channel receives it. */
export interface OutgoingNotification {
  /** The inbox row's id (the in-app channel keeps it; the others record it beside what they send). */
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  data: NotificationData;
  actorId: string | null;
  /** What caused it (`event:<id>`, `send:<id>`): a channel delivers each source once per recipient. */
  sourceKey: string;
}

/**
 * Who it goes to. Only the user id: ops holds no address book yet (e-mail addresses are auth's, device
 * tokens and phone numbers nobody's), so a real push/SMS/e-mail adapter needs one (README, "Channels").
 */
export interface Recipient {
  userId: string;
}

/** Where a channel writes, inside the transaction that decided the notification. */
export interface DeliveryContext {
  tx: OpsTx;
  /** Runs once that transaction committed (a live push), never when it rolled back. */
  afterCommit(effect: () => void): void;
}

/** One notification for one recipient. */
export interface Addressed {
  notification: OutgoingNotification;
  recipient: Recipient;
}

/** What a channel did: the ids of the notifications it delivered now (not those it had delivered before). */
export interface Delivery {
  delivered: ReadonlySet<string>;
}

/**
 * A way to reach a user (M17). `deliver` takes a whole batch (a fan-out to followers is one multi-row
 * write per channel, not a round trip per recipient), writes what it delivers in the caller's
 * transaction and does no network call there: an adapter to a provider records the messages in that
 * transaction and hands them to its provider after commit (README, "Channels and adapters"). Each
 * source reaches a recipient once per channel: a second delivery of it is skipped, not an error.
 */
export interface Channel {
  readonly channel: NotificationChannel;
  deliver(batch: readonly Addressed[], context: DeliveryContext): Promise<Delivery>;
}
