import { unavailable } from "../errors/appError.ts";

export interface SessionRevocationCheckOptions {
  /**
   * While Redis is unreachable, a session Redis confirmed live at most this long ago is still accepted;
   * any other is refused with UNAVAILABLE. Default 120 000 (2 minutes).
   */
  graceMs?: number;
  /** Sessions remembered at most (past it the oldest are forgotten). Default 100 000. */
  maxSessions?: number;
  /** Told each time Redis failed and the answer came from memory or was a refusal. */
  onRedisDown?: (error: unknown) => void;
  now?: () => number;
}

/**
 * The router's signed-out-session check, closed while Redis is unreachable but not blind: sessions it
 * saw live just before keep working, every other token is refused (UNAVAILABLE, reason SESSION_CHECK)
 * rather than let through unchecked. Sound because auth records no sign-out while Redis is down (it
 * writes the marker first), and each sign-out it does record is announced: `forget` it then.
 */
export class SessionRevocationCheck {
  private readonly confirmedAt = new Map<string, number>();
  private readonly graceMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(
    private readonly isSessionRevoked: (sessionId: string) => Promise<boolean>,
    private readonly options: SessionRevocationCheckOptions = {},
  ) {
    this.graceMs = options.graceMs ?? 120_000;
    this.maxSessions = options.maxSessions ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  readonly isRevoked = async (sessionId: string): Promise<boolean> => {
    let revoked: boolean;
    try {
      revoked = await this.isSessionRevoked(sessionId);
    } catch (error) {
      this.options.onRedisDown?.(error);
      const confirmed = this.confirmedAt.get(sessionId);
      if (confirmed !== undefined && this.now() - confirmed <= this.graceMs) return false;
      throw unavailable(
        "SESSION_CHECK",
        "Whether this session was signed out cannot be checked right now; try again in a few seconds.",
      );
    }
    this.confirmedAt.delete(sessionId);
    if (!revoked) this.remember(sessionId);
    return revoked;
  };

  /** A revocation was announced: the memory must not vouch for that session any more. */
  forget(sessionId: string): void {
    this.confirmedAt.delete(sessionId);
  }

  /** Announcements may have been missed (the subscription dropped): vouch for no one until checked again. */
  forgetAll(): void {
    this.confirmedAt.clear();
  }

  private remember(sessionId: string): void {
    // A Map iterates in insertion order, and a confirmed session is re-inserted: the first is the oldest.
    if (this.confirmedAt.size >= this.maxSessions) {
      const oldest = this.confirmedAt.keys().next().value;
      if (oldest !== undefined) this.confirmedAt.delete(oldest);
    }
    this.confirmedAt.set(sessionId, this.now());
  }
}
