import type { AuthCheckerInterface, ResolverData } from "type-graphql";
import { forbidden, unauthenticated } from "../errors/appError.ts";
import type { Actor, Role } from "./actor.ts";

/**
 * Enforces `@Authorized(...roles)`: no actor is UNAUTHENTICATED; an actor holding none of the roles
 * is FORBIDDEN. `@Authorized()` with no roles only requires a signed-in caller.
 */
export class RoleAuthChecker implements AuthCheckerInterface<{ actor: Actor | null }, Role> {
  check({ context }: ResolverData<{ actor: Actor | null }>, roles: Role[]): boolean {
    const { actor } = context;
    if (!actor) throw unauthenticated();
    if (roles.length === 0 || roles.some((role) => actor.roles.includes(role))) return true;
    throw forbidden(`This needs one of these roles: ${roles.join(", ")}.`);
  }
}
