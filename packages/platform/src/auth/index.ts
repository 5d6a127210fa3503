export type { Actor, Role } from "./actor.ts";
export { hasRole, isRole, ROLES } from "./actor.ts";
export { actorOf } from "./actorOf.ts";
export type { ApiKeyIdentity, PartnerScope } from "./apiKeys.ts";
export {
  API_KEY_INTROSPECTION_PATH,
  API_KEY_PREFIX,
  isApiKeyRevoked,
  isPartnerScope,
  markApiKeyRevoked,
  PARTNER_SCOPES,
  revokedApiKeyKey,
} from "./apiKeys.ts";
export { RoleAuthChecker } from "./authChecker.ts";
export type { RouterKeyPair } from "./routerKeys.ts";
export {
  generateRouterKeyPair,
  parseRouterPrivateKey,
  parseRouterPublicKeys,
  routerKeyId,
} from "./routerKeys.ts";
export type {
  Checked,
  RouterSignatureClaim,
  RouterSignatureVerifier,
  RouterSigner,
  SignedRequest,
} from "./routerSignature.ts";
export {
  createRouterSignatureVerifier,
  createRouterSigner,
  ROUTER_SIGNATURE_HEADER,
  ROUTER_SIGNATURE_WINDOW_MS,
} from "./routerSignature.ts";
export type { SessionRevocationWatch } from "./sessionRevocation.ts";
export {
  isSessionRevoked,
  markSessionRevoked,
  revokedSessionKey,
  sessionRevocationsConnectionName,
  sessionRevokedChannel,
  watchSessionRevocations,
} from "./sessionRevocation.ts";
export type { SessionRevocationCheckOptions } from "./sessionRevocationCheck.ts";
export { SessionRevocationCheck } from "./sessionRevocationCheck.ts";
export type { SessionRevocationOptions } from "./sessionRevocationVerifier.ts";
export { withSessionRevocation } from "./sessionRevocationVerifier.ts";
export { signedWebSocket } from "./signedWebSocket.ts";
export type { TokenVerifier, TokenVerifierOptions } from "./tokenVerifier.ts";
export { ACCESS_TOKEN_ALGORITHM, bearerToken, createTokenVerifier } from "./tokenVerifier.ts";
