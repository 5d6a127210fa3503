export const ROLES = ["user", "coach", "business", "admin", "partner", "developer"] as const;
export type Role = (typeof ROLES)[number];

/** A caller whose access token was verified by this process. The only way to get one is `TokenVerifier`. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  /** The refresh-token family (login session) the access token was issued for. */
  sessionId: string;
  /** The raw bearer token, forwarded when this process calls another one on the caller's behalf. */
  token: string;
  expiresAt: Date;
}

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export const hasRole = (actor: Actor | null, role: Role): boolean => actor?.roles.includes(role) ?? false;
