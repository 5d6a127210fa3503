import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { TradeContext } from "../context.ts";
import { bookAppointment } from "../domain/appointments.ts";
import { Appointment, toAppointment } from "../model/appointment.ts";

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Authorized()
  @Mutation(() => Appointment, {
    description:
      "Books an ASSIGNED order's slot (startsAt + the order's duration), by its customer or coach. CONFLICT when it overlaps another of the coach's appointments.",
  })
  async bookAppointment(
    @Ctx() ctx: TradeContext,
    @Arg("orderId", () => ID) orderId: string,
    @Arg("startsAt", () => Date) startsAt: Date,
  ): Promise<Appointment> {
    return toAppointment(await bookAppointment(ctx.deps.db, actorOf(ctx), orderId, startsAt, new Date()));
  }
}
