import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { NotificationSend as NotificationSendRow } from "../generated/prisma/client.ts";
import { NotificationSegment, NotificationSendStatus } from "../generated/prisma/enums.ts";
import { NotificationKind } from "./notification.ts";
import { User } from "./user.ts";

export { NotificationSegment, NotificationSendStatus };

registerEnumType(NotificationSegment, {
  name: "NotificationSegment",
  description:
    "Who a send reaches, among the users ops has seen in the events it consumes: ALL_USERS, COACHES, FOLLOWERS_OF (input.coachId), USERS (input.userIds).",
});
registerEnumType(NotificationSendStatus, {
  name: "NotificationSendStatus",
  description: "QUEUED → SENDING (batches under way) → DONE.",
});

@InputType({ description: "An operator's message to a segment (the seed's POST /ops/notifications)." })
export class SendNotificationInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "Your idempotency key (a uuid): the same send asked again returns the first. Default: a new one.",
  })
  sendId?: string | null;

  @Field(() => NotificationSegment)
  segment!: NotificationSegment;

  @Field(() => ID, {
    nullable: true,
    description: "FOLLOWERS_OF only: the coach whose followers it reaches.",
  })
  coachId?: string | null;

  @Field(() => [ID], { nullable: true, description: "USERS only: 1–1000 user ids." })
  userIds?: string[] | null;

  @Field(() => String, { description: "1–120 characters." })
  title!: string;

  @Field(() => String, { description: "1–1000 characters." })
  body!: string;
}

@ObjectType({ description: "A fan-out to a segment, worked through in batches in the background." })
export class NotificationSend {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => NotificationSegment)
  segment!: NotificationSegment;

  @Field(() => ID, { nullable: true })
  coachId!: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => NotificationSendStatus)
  status!: NotificationSendStatus;

  @Field(() => Int, { description: "Recipients worked through so far." })
  recipientCount!: number;

  @Field(() => Int, {
    description: "Inbox notifications written so far (recipients whose preferences allow it).",
  })
  deliveredCount!: number;

  @Field(() => User, { nullable: true, description: "The operator who sent it; null for a rule's fan-out." })
  sentBy!: User | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

export const toNotificationSend = (row: NotificationSendRow): NotificationSend => ({
  id: row.id,
  kind: row.kind,
  segment: row.segment,
  coachId: row.coachId,
  title: row.title,
  body: row.body,
  status: row.status,
  recipientCount: row.recipientCount,
  deliveredCount: row.deliveredCount,
  sentBy: row.sentBy ? { id: row.sentBy } : null,
  createdAt: row.createdAt,
  completedAt: row.completedAt,
});
