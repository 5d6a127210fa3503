import { Directive, Field, ID, ObjectType } from "type-graphql";
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
