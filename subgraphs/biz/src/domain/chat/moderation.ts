import { uuidArg } from "@health/platform/graphql";
import type { BizDb } from "../../db.ts";
import type { ChatMember as ChatMemberRow, ChatRoom as ChatRoomRow } from "../../generated/prisma/client.ts";
import { liveStreamById } from "../live/liveStreams.ts";
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

const setStanding = (db: BizDb, streamId: string, userId: string, change: Partial<ChatStanding>) =>
  db.chatMember.upsert({
    where: { streamId_userId: { streamId, userId } },
    create: { streamId, userId, ...change },
    update: change,
  });

/** The host makes `userId` a moderator of the room (not themselves: the host already runs it). */
export async function appointChatModerator(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertHost(p.actor, p.streamId, "appoint moderators");
  if (p.target === "host") return setStanding(db, p.streamId, p.targetId, {});
  return setStanding(db, p.streamId, p.targetId, { moderator: true });
}

export async function dismissChatModerator(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertHost(p.actor, p.streamId, "dismiss moderators");
  return setStanding(db, p.streamId, p.targetId, { moderator: false });
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
  return setStanding(db, p.streamId, p.targetId, { mutedUntil: new Date(now.getTime() + duration * 1000) });
}

export async function unmuteChatUser(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertMaySanction(p.actor, p.target, p.streamId, p.targetId === actorId);
  return setStanding(db, p.streamId, p.targetId, { mutedUntil: null });
}

/** Bans `userId` from the room: no message, no history, no new subscription, until unbanned. */
export async function banChatUser(
  db: BizDb,
  actorId: string,
  streamId: string,
  userId: string,
  now = new Date(),
): Promise<ChatMemberRow> {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertMaySanction(p.actor, p.target, p.streamId, p.targetId === actorId);
  return setStanding(db, p.streamId, p.targetId, { bannedAt: now, moderator: false });
}

export async function unbanChatUser(db: BizDb, actorId: string, streamId: string, userId: string) {
  const p = await partiesOf(db, actorId, streamId, userId);
  assertMaySanction(p.actor, p.target, p.streamId, p.targetId === actorId);
  return setStanding(db, p.streamId, p.targetId, { bannedAt: null });
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
