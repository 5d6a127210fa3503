import { bizAdminActionRecordedV1 } from "@health/events/catalog";
import { publishAdminAction } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import type { BizDb } from "../../db.ts";
import type { BizDeps } from "../../deps.ts";
import type { ChatMember as ChatMemberRow, ChatRoom as ChatRoomRow } from "../../generated/prisma/client.ts";
import { liveStreamById } from "../live/liveStreams.ts";
import { announceChatEvent } from "./chatEvents.ts";
import { standingOf } from "./rooms.ts";
import {
  assertHost,
  assertMaySanction,
  type ChatRole,
  type ChatStanding,
  chatRoleOf,
  checkedMuteSeconds,
  checkedSlowModeSeconds,
} from "./rules.ts";

export type { ChatMemberRow, ChatRoomRow };

// The host appoints moderators and sets slow mode; the host and moderators mute and ban. Every move
// is decided by rules.ts on both parties' roles, read here, then written as one upsert of the target's
// standing (so it is the same whichever instance serves it).

interface Parties {
  streamId: string;
  targetId: string;
  actor: ChatRole;
  target: ChatRole;
}

async function partiesOf(
  db: BizDb,
  actorId: string,
  streamIdArg: string,
  userIdArg: string,
): Promise<Parties> {
  const targetId = uuidArg(userIdArg, "userId", "a user id");
  const stream = await liveStreamById(db, streamIdArg, "streamId");
  const [actorStanding, targetStanding] = await Promise.all([
    standingOf(db, stream.id, actorId),
    standingOf(db, stream.id, targetId),
  ]);
  return {
    streamId: stream.id,
    targetId,
    actor: chatRoleOf(actorId, stream.hostId, actorStanding),
    target: chatRoleOf(targetId, stream.hostId, targetStanding),
  };
}

/**
 * Writes the target's new standing and, in the same transaction, tells ops's audit log who did what to
 * whom in which room (admin_action_recorded: a room's host and moderators are its operators).
 */
const setStanding = (db: BizDb, p: Parties, actorId: string, action: string, change: Partial<ChatStanding>) =>
  db.$transaction(async (tx) => {
    const row = await tx.chatMember.upsert({
      where: { streamId_userId: { streamId: p.streamId, userId: p.targetId } },
      create: { streamId: p.streamId, userId: p.targetId, ...change },
      update: change,
    });
    await publishAdminAction(
      tx,
      bizAdminActionRecordedV1,
      { userId: actorId },
      {
        action,
        subjectType: "User",
        subjectId: p.targetId,
        details: {
          streamId: p.streamId,
          actorRole: p.actor,
          ...Object.fromEntries(
            Object.entries(change).map(([key, value]) => [
              key,
              value instanceof Date ? value.toISOString() : value,
            ]),
          ),
        },
      },
    );
    return row;
  });

/** The host makes `userId` a moderator of the room (not themselves: the host already runs it). */
export async function appointChatModerator(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertHost(p.actor, p.streamId, "appoint moderators");
  if (p.target === "host") return setStanding(db, p, actorId, "appoint_chat_moderator", {});
  return setStanding(db, p, actorId, "appoint_chat_moderator", { moderator: true });
}

export async function dismissChatModerator(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertHost(p.actor, p.streamId, "dismiss moderators");
  return setStanding(db, p, actorId, "dismiss_chat_moderator", { moderator: false });
}

/** Mutes `userId` in the room for `seconds` from now (a later mute replaces an earlier one). */
export async function muteChatUser(
  db: BizDb,
  actorId: string,
  streamId: string,
  userId: string,
  seconds: number,
  now = new Date(),
): Promise<ChatMemberRow> {
  const duration = checkedMuteSeconds(seconds);
  const p = await partiesOf(db, actorId, streamId, userId);
  assertMaySanction(p.actor, p.target, p.streamId, p.targetId === actorId);
  return setStanding(db, p, actorId, "mute_chat_user", {
    mutedUntil: new Date(now.getTime() + duration * 1000),
  });
}

export async function unmuteChatUser(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertMaySanction(p.actor, p.target, p.streamId, p.targetId === actorId);
  return setStanding(db, p, actorId, "unmute_chat_user", { mutedUntil: null });
}

/**
 * Bans `userId` from the room: no message, no history, no new subscription, until unbanned; after the
 * commit, their open `liveChat` streams of the room end (on every instance: the room's NATS subject).
 */
export async function banChatUser(
  deps: Pick<BizDeps, "db" | "pubSub">,
  actorId: string,
  streamId: string,
  userId: string,
  now = new Date(),
): Promise<ChatMemberRow> {
  const p = await partiesOf(deps.db, actorId, streamId, userId);
  assertMaySanction(p.actor, p.target, p.streamId, p.targetId === actorId);
  const row = await setStanding(deps.db, p, actorId, "ban_chat_user", { bannedAt: now, moderator: false });
  announceChatEvent(deps.pubSub, p.streamId, { kind: "BANNED", userId: p.targetId });
  return row;
}

export async function unbanChatUser(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertMaySanction(p.actor, p.target, p.streamId, p.targetId === actorId);
  return setStanding(db, p, actorId, "unban_chat_user", { bannedAt: null });
}

/** The host sets the room's slow mode (0: off). */
export async function setChatSlowMode(
  db: BizDb,
  actorId: string,
  streamIdArg: string,
  seconds: number,
): Promise<ChatRoomRow> {
  const slowModeSeconds = checkedSlowModeSeconds(seconds);
  const stream = await liveStreamById(db, streamIdArg, "streamId");
  const role = chatRoleOf(actorId, stream.hostId, await standingOf(db, stream.id, actorId));
  assertHost(role, stream.id, "set its chat's slow mode");
  return db.chatRoom.upsert({
    where: { streamId: stream.id },
    create: { streamId: stream.id, slowModeSeconds },
    update: { slowModeSeconds },
  });
}
