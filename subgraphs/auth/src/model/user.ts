import type { Actor } from "@health/platform/auth";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { canSeePrivateFields } from "../domain/accounts.ts";
import type { Account } from "../generated/prisma/client.ts";
import { Role } from "./role.ts";

/** A platform account. Owned here; other subgraphs extend it by `id`. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A person with an account on the platform." })
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true, description: "Visible only to the user and to admins." })
  email!: string | null;

  @Field(() => [Role], {
    nullable: true,
    description: "Visible only to the user and to admins (null for anyone else), like email.",
  })
  roles!: Role[] | null;

  @Field(() => Date)
  createdAt!: Date;
}

export function toUser(account: Account, viewer: Pick<Actor, "userId" | "roles"> | null): User {
  const visible = canSeePrivateFields(viewer, account.id);
  return Object.assign(new User(), {
    id: account.id,
    displayName: account.displayName,
    email: visible ? account.email : null,
    roles: visible ? (account.roles as string[] as Role[]) : null,
    createdAt: account.createdAt,
  });
}
