import { Field, Int, ObjectType } from "type-graphql";
import type { SharedActivityReadView } from "../domain/sharedReads.ts";
import { Activity, toActivity } from "./activity.ts";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "One person shown one of the caller's shared health activities." })
export class SharedActivityRead {
  @Field(() => Activity)
  activity!: Activity;

  @Field(() => User)
  reader!: User;

  @Field(() => Date)
  firstReadAt!: Date;

  @Field(() => Date)
  lastReadAt!: Date;

  @Field(() => Int, { description: "How many times it was shown to them." })
  reads!: number;
}

export const toSharedActivityRead = (view: SharedActivityReadView): SharedActivityRead => ({
  activity: toActivity(view.activity),
  reader: userRef(view.readerId),
  firstReadAt: view.firstReadAt,
  lastReadAt: view.lastReadAt,
  reads: view.reads,
});
