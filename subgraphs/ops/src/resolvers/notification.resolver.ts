import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from "type-graphql";
import type { OpsContext } from "../context.ts";
import {
  INBOX_PAGE_LIMITS,
  listNotifications,
  MAX_MARK_IDS,
  markAllRead,
  markRead,
  unreadCount,
} from "../domain/notifications/inbox.ts";
import { type NotificationRow, openNotificationStream } from "../domain/notifications/live.ts";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from "../domain/notifications/preferenceRules.ts";
import { preferencesOf, setPreference } from "../domain/notifications/preferences.ts";
import {
  Notification,
  NotificationChannel,
  NotificationConnection,
  NotificationKind,
  NotificationPreference,
  toNotification,
  toNotificationConnection,
} from "../model/notification.ts";

interface SubscribeData<TArgs> {
  args: TArgs;
  context: OpsContext;
}

/** The caller's inbox (M17): always the caller's own, there is no argument naming a user. */
@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized()
  @ListSizedByFirst({ connection: true, assumedSize: INBOX_PAGE_LIMITS.defaultSize })
  @Query(() => NotificationConnection, { description: "The caller's notifications, newest first." })
  async notifications(
    @Ctx() ctx: OpsContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; default 20." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "pageInfo.endCursor of the page before." })
    after: string | null,
    @Arg("unreadOnly", () => Boolean, { nullable: true, description: "Only those not read yet." })
    unreadOnly: boolean | null,
  ): Promise<NotificationConnection> {
    return toNotificationConnection(
      await listNotifications(ctx.deps.db, actorOf(ctx), { first, after, unreadOnly }),
    );
  }

  @Authorized()
  @Query(() => Int, { description: "How many of the caller's notifications are unread." })
  unreadNotificationCount(@Ctx() ctx: OpsContext): Promise<number> {
    return unreadCount(ctx.deps.db, actorOf(ctx));
  }

  @Authorized()
  @Directive(`@listSize(assumedSize: ${MAX_MARK_IDS})`)
  @Mutation(() => [Notification], {
    description:
      "Marks the caller's notifications among `ids` (1–100) read and returns them; an id that is not the caller's (or no one's) is skipped the same way, so nothing is learnt about others'.",
  })
  async markNotificationsRead(
    @Ctx() ctx: OpsContext,
    @Arg("ids", () => [ID]) ids: string[],
  ): Promise<Notification[]> {
    return (await markRead(ctx.deps.db, actorOf(ctx), ids, new Date())).map(toNotification);
  }

  @Authorized()
  @Mutation(() => Int, {
    description: "Marks every unread notification of the caller read; returns how many.",
  })
  markAllNotificationsRead(@Ctx() ctx: OpsContext): Promise<number> {
    return markAllRead(ctx.deps.db, actorOf(ctx), new Date());
  }

  @Authorized()
  @Directive(`@listSize(assumedSize: ${NOTIFICATION_KINDS.length * NOTIFICATION_CHANNELS.length})`)
  @Query(() => [NotificationPreference], {
    description: "Every kind on every channel for the caller: their choice, or the default.",
  })
  notificationPreferences(@Ctx() ctx: OpsContext): Promise<NotificationPreference[]> {
    return preferencesOf(ctx.deps.db, actorOf(ctx));
  }

  @Authorized()
  @Mutation(() => NotificationPreference, {
    description:
      "Turns one kind on one channel on or off for the caller; a disabled one creates nothing there.",
  })
  setNotificationPreference(
    @Ctx() ctx: OpsContext,
    @Arg("kind", () => NotificationKind) kind: NotificationKind,
    @Arg("channel", () => NotificationChannel) channel: NotificationChannel,
    @Arg("enabled", () => Boolean) enabled: boolean,
  ): Promise<NotificationPreference> {
    return setPreference(ctx.deps.db, actorOf(ctx), { kind, channel, enabled });
  }

  @Authorized()
  @Subscription(() => Notification, {
    subscribe: ({ args, context }: SubscribeData<{ after?: string | null }>) =>
      openNotificationStream(context.deps, actorOf(context), args.after ?? null),
    description:
      "The caller's own notifications as they arrive (in-app channel). With `after` (the id of the last one seen), first those missed since (oldest first, at most 100), then live ones; an `after` that is not one of the caller's is BAD_USER_INPUT.",
  })
  notificationReceived(
    @Root() row: NotificationRow,
    @Arg("after", () => ID, { nullable: true }) _after: string | null,
  ): Notification {
    return toNotification(row);
  }
}
