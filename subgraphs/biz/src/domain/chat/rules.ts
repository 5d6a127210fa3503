import { AppError, badInput, conflict, ErrorCode, forbidden } from "@health/platform/errors";
import { requiredText } from "@health/platform/graphql";
import type { LiveStreamStatus } from "../../generated/prisma/enums.ts";

// The chat's rules as pure decisions: who may post, who may moderate whom, what a message and a
// setting may be. domain/chat/*.ts apply them to rows; test/chatRules.test.ts covers them.

/** A message is 1–500 characters (trimmed). */
export const MAX_CHAT_TEXT = 500;
/** A host's slow mode: 0 (off) to 300 seconds. */
export const MAX_SLOW_MODE_SECONDS = 300;
/** A mute lasts 1 second to 7 days. */
export const MAX_MUTE_SECONDS = 7 * 86_400;

export const checkedChatText = (text: string): string => requiredText(text, "text", MAX_CHAT_TEXT);

/** Someone's place in one room, as far as the rules care. */
export type ChatRole = "host" | "moderator" | "viewer";

export interface ChatStanding {
  moderator: boolean;
  mutedUntil: Date | null;
  bannedAt: Date | null;
}

export const NO_STANDING: ChatStanding = { moderator: false, mutedUntil: null, bannedAt: null };

export function chatRoleOf(userId: string, hostId: string, standing: ChatStanding): ChatRole {
  if (userId === hostId) return "host";
  return standing.moderator ? "moderator" : "viewer";
}

/** Why a sender or a viewer is refused (`extensions.reason`). */
export type ChatRefusal = "BANNED" | "MUTED" | "STREAM_ENDED";

const refused = (reason: ChatRefusal, message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.FORBIDDEN, message, { details: { reason, ...details } });

/** A banned person reads nothing of the room: no history, no subscription. */
export const bannedError = (streamId: string) =>
  refused("BANNED", `You are banned from the chat of live stream ${streamId}.`);

export function assertNotBanned(streamId: string, standing: ChatStanding): void {
  if (standing.bannedAt) throw bannedError(streamId);
}

/**
 * Whether `standing` may post in a stream in `status` now: the room is open while the stream is
 * SCHEDULED (viewers gather before it starts) or LIVE, and closed (CONFLICT) once it ENDED.
 */
export function assertMayPost(
  streamId: string,
  status: LiveStreamStatus,
  standing: ChatStanding,
  now: Date,
): void {
  if (status === "ENDED") {
    throw conflict(`Live stream ${streamId} has ended: its chat is closed.`, { currentState: status });
  }
  assertNotBanned(streamId, standing);
  if (standing.mutedUntil && standing.mutedUntil > now) {
    throw refused(
      "MUTED",
      `You are muted in the chat of live stream ${streamId} until ${standing.mutedUntil.toISOString()}.`,
      { mutedUntil: standing.mutedUntil.toISOString() },
    );
  }
}

/** Slow mode binds viewers only: the host and moderators run the room. */
export const slowModeBinds = (role: ChatRole): boolean => role === "viewer";

/** The seconds between two messages of a viewer: the host's setting, else the configured default. */
export const slowModeSecondsOf = (roomSetting: number | null | undefined, fallback: number): number =>
  roomSetting ?? fallback;

/** Only the host appoints and dismisses moderators, and sets slow mode. */
export function assertHost(role: ChatRole, streamId: string, what: string): void {
  if (role !== "host") throw forbidden(`Only the host of live stream ${streamId} can ${what}.`);
}

/** The host and moderators delete messages. */
export function assertModerates(role: ChatRole, streamId: string, what: string): void {
  if (role === "viewer") {
    throw forbidden(`Only the host and moderators of live stream ${streamId} can ${what}.`);
  }
}

/**
 * Muting and banning: by the host or a moderator; never the host; a moderator only by the host (a
 * moderator cannot silence a peer); never oneself.
 */
export function assertMaySanction(
  actor: ChatRole,
  target: ChatRole,
  streamId: string,
  selfTarget: boolean,
): void {
  assertModerates(actor, streamId, "mute or ban people in its chat");
  if (selfTarget) throw badInput("userId", "You cannot mute or ban yourself.");
  if (target === "host") throw forbidden(`The host of live stream ${streamId} cannot be muted or banned.`);
  if (target === "moderator" && actor !== "host") {
    throw forbidden(`Only the host of live stream ${streamId} can mute or ban a moderator.`);
  }
}

export function checkedMuteSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_MUTE_SECONDS) {
    throw badInput("seconds", `seconds must be a whole number from 1 to ${MAX_MUTE_SECONDS} (7 days).`);
  }
  return seconds;
}

export function checkedSlowModeSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SLOW_MODE_SECONDS) {
    throw badInput("seconds", `seconds must be a whole number from 0 (off) to ${MAX_SLOW_MODE_SECONDS}.`);
  }
  return seconds;
}
