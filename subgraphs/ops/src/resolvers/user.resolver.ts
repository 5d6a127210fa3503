import { Resolver } from "type-graphql";
import { User } from "../model/user.ts";

/** The fields this subgraph adds to `User` (none yet): its `@FieldResolver`s go here. */
@Resolver(() => User)
export class UserResolver {}
