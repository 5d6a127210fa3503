export type { Actor, Role } from "./actor.ts";
export { hasRole, isRole, ROLES } from "./actor.ts";
export { RoleAuthChecker } from "./authChecker.ts";
export { isSessionRevoked, markSessionRevoked, revokedSessionKey } from "./sessionRevocation.ts";
export type { TokenVerifier, TokenVerifierOptions } from "./tokenVerifier.ts";
export { ACCESS_TOKEN_ALGORITHM, bearerToken, createTokenVerifier } from "./tokenVerifier.ts";
