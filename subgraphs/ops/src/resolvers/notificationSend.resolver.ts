import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { OpsContext } from "../context.ts";
import { findSend, sendNotification } from "../domain/notifications/sends.ts";
import { NotificationSend, SendNotificationInput, toNotificationSend } from "../model/notificationSend.ts";

/** Operators' sends to a segment (the seed's POST /ops/notifications); auth has no operator role: admin. */
@Resolver(() => NotificationSend)
export class NotificationSendResolver {
  @Authorized("admin")
  @Mutation(() => NotificationSend, {
    description:
      "Admin: a message to a segment, delivered in the background in batches, respecting each recipient's preferences (kind ANNOUNCEMENT). Idempotent by input.sendId. Poll notificationSend(id) for its progress.",
  })
  async sendNotification(
    @Ctx() ctx: OpsContext,
    @Arg("input", () => SendNotificationInput) input: SendNotificationInput,
  ): Promise<NotificationSend> {
    const send = await sendNotification(ctx.deps.db, actorOf(ctx), input, () =>
      ctx.deps.notificationSends.kick(),
    );
    return toNotificationSend(send);
  }

  @Authorized("admin")
  @Query(() => NotificationSend, { description: "Admin: a send's progress; NOT_FOUND if there is none." })
  async notificationSend(@Ctx() ctx: OpsContext, @Arg("id", () => ID) id: string): Promise<NotificationSend> {
    return toNotificationSend(await findSend(ctx.deps.db, id));
  }
}
