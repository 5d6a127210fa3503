import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { ObjectType } from "type-graphql";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "A page of users (followers or followed), most recent follow first." })
export class UserConnection extends Connection(User) {}

export const toUserConnection = (page: Page<{ id: string }>): UserConnection =>
  toConnection(page, (person) => userRef(person.id));
