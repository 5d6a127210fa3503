import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { NotificationData as NotificationDataRow } from "../domain/notifications/rules.ts";
import type { Notification as NotificationRow } from "../generated/prisma/client.ts";
import { NotificationChannel, NotificationKind } from "../generated/prisma/enums.ts";
import { ServiceOrder } from "./serviceOrder.ts";
import { User } from "./user.ts";

export { NotificationChannel, NotificationKind };

registerEnumType(NotificationKind, {
  name: "NotificationKind",
  description: 'What a notification is about (subgraphs/ops/README.md, "Kinds").',
  valuesConfig: {
    ORDER_ASSIGNED: { description: "A coach took your service order (order_assigned)." },
    SERVICE_COMPLETED: { description: "A service order of yours completed (service_completed)." },
    NEW_FOLLOWER: { description: "Someone followed you (user_followed)." },
    LIVE_STARTED: { description: "A coach you follow went live (live_started)." },
    GIFT_RECEIVED: { description: "You received a gift (gift_sent)." },
    PAYMENT_SUCCEEDED: { description: "A payment of yours went through (payment_success)." },
    PAYMENT_FAILED: { description: "A payment of yours was declined (payment_failed)." },
    POINTS_AWARDED: { description: "Points were credited to you (points_awarded)." },
    ANNOUNCEMENT: { description: "An operator's message to a segment (sendNotification)." },
  },
});

registerEnumType(NotificationChannel, {
  name: "NotificationChannel",
  description:
    "Where a notification goes: IN_APP (the inbox and notificationReceived); PUSH, SMS, EMAIL (no provider configured yet: recorded, not sent).",
});

@ObjectType({ description: "The ids a notification is about; which are set depends on its kind." })
export class NotificationData {
  @Field(() => ID, { nullable: true })
  orderId!: string | null;

  @Field(() => ID, { nullable: true, description: "A live stream (biz's liveStream(id:))." })
  streamId!: string | null;

  @Field(() => ID, { nullable: true })
  paymentId!: string | null;

  @Field(() => ID, { nullable: true })
  giftOrderId!: string | null;

  @Field(() => Int, { nullable: true, description: "Points credited (POINTS_AWARDED)." })
  points!: number | null;
}

@ObjectType({ description: "One notification in the caller's inbox (M17)." })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => NotificationData)
  data!: NotificationData;

  @Field(() => ServiceOrder, { nullable: true, description: "The service order it is about, if any." })
  order!: ServiceOrder | null;

  @Field(() => User, {
    nullable: true,
    description: "Who caused it (the coach, the follower, the host, the gift's sender), if someone did.",
  })
  actor!: User | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the caller marked it read; null while unread." })
  readAt!: Date | null;
}

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

export function toNotification(row: NotificationRow): Notification {
  const data = (row.data ?? {}) as NotificationDataRow;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: {
      orderId: data.orderId ?? null,
      streamId: data.streamId ?? null,
      paymentId: data.paymentId ?? null,
      giftOrderId: data.giftOrderId ?? null,
      points: data.points ?? null,
    },
    order: data.orderId ? { id: data.orderId } : null,
    actor: row.actorId ? { id: row.actorId } : null,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

export const toNotificationConnection = (page: Page<NotificationRow>) => toConnection(page, toNotification);

@ObjectType({ description: "Whether one kind goes out on one channel for the caller." })
export class NotificationPreference {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => NotificationChannel)
  channel!: NotificationChannel;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Boolean, { description: "True while the caller has not chosen: `enabled` is the default." })
  isDefault!: boolean;
}
