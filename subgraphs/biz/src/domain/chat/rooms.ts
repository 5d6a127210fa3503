import type { BizDb, BizTx } from "../../db.ts";
import { type ChatStanding, NO_STANDING } from "./rules.ts";

/** `userId`'s standing in the room of `streamId` (none yet: a plain viewer). */
export async function standingOf(db: BizDb | BizTx, streamId: string, userId: string): Promise<ChatStanding> {
  const row = await db.chatMember.findUnique({ where: { streamId_userId: { streamId, userId } } });
  return row ?? NO_STANDING;
}

/** The room's own slow mode, or null when its host never set one. */
export async function roomSlowModeSeconds(db: BizDb, streamId: string): Promise<number | null> {
  const room = await db.chatRoom.findUnique({ where: { streamId }, select: { slowModeSeconds: true } });
  return room?.slowModeSeconds ?? null;
}

/**
 * The room's next number, making the room on its first message. The row stays locked until `tx`
 * commits, so the room's numbers are taken in commit order: everything numbered below a committed
 * message has committed too (the resume's no-gap argument).
 */
export async function nextChatSeq(tx: BizTx, streamId: string): Promise<bigint> {
  const [row] = await tx.$queryRaw<Array<{ last_seq: bigint }>>`
    INSERT INTO chat_rooms (stream_id, last_seq) VALUES (${streamId}::uuid, 1)
    ON CONFLICT (stream_id) DO UPDATE SET last_seq = chat_rooms.last_seq + 1
    RETURNING last_seq`;
  return row!.last_seq;
}
