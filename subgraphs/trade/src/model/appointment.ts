import { Field, ID, ObjectType } from "type-graphql";
import type { Appointment as AppointmentRow } from "../generated/prisma/client.ts";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "A booked slot of an order; a coach's slots never overlap." })
export class Appointment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  orderId!: string;

  @Field(() => User)
  coach!: User;

  @Field(() => User)
  customer!: User;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { description: "startsAt plus the order's durationMinutes." })
  endsAt!: Date;
}

export const toAppointment = (row: AppointmentRow): Appointment => ({
  id: row.id,
  orderId: row.orderId,
  coach: userRef(row.coachId),
  customer: userRef(row.customerId),
  startsAt: row.startsAt,
  endsAt: row.endsAt,
});
