import { type SignatureVerdict, verifyStreamSignature } from "../domain/live/txSecret.ts";

/** What the gate needs to know of a push or play attempt. */
export interface SessionAttempt {
  kind: "push" | "play";
  app: string;
  streamName: string;
  query: Record<string, unknown>;
}

export interface GateKeys {
  appName: string;
  pushKey: string;
  playKey: string;
}

/**
 * Whether the media server lets an attempt through: the right AppName, and a txSecret/txTime signed
 * with the push key (push) or the play key (play) for this stream name, not expired at `now`.
 */
export function gateVerdict(
  keys: GateKeys,
  attempt: SessionAttempt,
  now: Date,
): SignatureVerdict | "wrong-app" {
  if (attempt.app !== keys.appName) return "wrong-app";
  const key = attempt.kind === "push" ? keys.pushKey : keys.playKey;
  return verifyStreamSignature(key, attempt.streamName, attempt.query, now);
}
