import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { OrderStatus } from "../domain/orders/stateMachine.ts";
import type { ServiceOrder as ServiceOrderRow } from "../generated/prisma/client.ts";
import { User, userRef } from "./user.ts";

registerEnumType(OrderStatus, {
  name: "OrderStatus",
  description:
    "CREATED → OPEN → ASSIGNED → IN_SERVICE → AWAITING_CONFIRMATION → COMPLETED (the customer confirms, or the confirmation window passes); DISPUTED (the customer disputes; an operator decides); CANCELLED; EXPIRED (see the README).",
});

@Directive('@key(fields: "id")')
@ObjectType({ description: "A customer's request for a service, grabbed by one matching coach." })
export class ServiceOrder {
  @Field(() => ID)
  id!: string;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => User)
  customer!: User;

  @Field(() => User, { nullable: true, description: "The coach who grabbed it; null until ASSIGNED." })
  coach!: User | null;

  @Field(() => String)
  serviceType!: string;

  @Field(() => String)
  specialty!: string;

  @Field(() => String)
  region!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY)." })
  priceAmount!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => Int, { description: "1–5: the lowest coach level that may grab it." })
  minCoachLevel!: number;

  @Field(() => Int)
  durationMinutes!: number;

  @Field(() => String)
  description!: string;

  @Field(() => Date, { nullable: true, description: "OPEN until then; EXPIRED after, if nobody grabbed it." })
  grabDeadline!: Date | null;

  @Field(() => Date, { nullable: true })
  preferredStart!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  assignedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the coach marked the service done." })
  completedByCoachAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "Until then the customer confirms or disputes; after it the order completes by itself.",
  })
  confirmationDeadline!: Date | null;

  @Field(() => Date, { nullable: true })
  disputedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The customer's reason, when DISPUTED." })
  disputeReason!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When it became COMPLETED (confirmed, the window passed, or an operator decided).",
  })
  completedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the platform cancelled it (its payment was declined or not authorized in time).",
  })
  cancelReason!: string | null;

  @Field(() => Date, { nullable: true })
  expiredAt!: Date | null;
}

export const toServiceOrder = (row: ServiceOrderRow): ServiceOrder => ({
  id: row.id,
  status: row.status,
  customer: userRef(row.customerId),
  coach: row.coachId ? userRef(row.coachId) : null,
  serviceType: row.serviceType,
  specialty: row.specialty,
  region: row.region,
  priceAmount: row.priceAmount,
  currency: row.currency,
  minCoachLevel: row.minCoachLevel,
  durationMinutes: row.durationMinutes,
  description: row.description,
  grabDeadline: row.grabDeadline,
  preferredStart: row.preferredStart,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  assignedAt: row.assignedAt,
  startedAt: row.startedAt,
  completedByCoachAt: row.completedByCoachAt,
  confirmationDeadline: row.confirmationDeadline,
  disputedAt: row.disputedAt,
  disputeReason: row.disputeReason,
  completedAt: row.completedAt,
  cancelledAt: row.cancelledAt,
  cancelReason: row.cancelReason,
  expiredAt: row.expiredAt,
});

@ObjectType()
export class ServiceOrderConnection extends Connection(ServiceOrder) {}

export const toServiceOrderConnection = (page: Page<ServiceOrderRow>): ServiceOrderConnection =>
  toConnection(page, toServiceOrder);

@ObjectType({ description: "A grab notification; pass its `id` back as `orderAvailable(after:)` to resume." })
export class OrderNotification {
  @Field(() => ID, { description: "The order's order_created event id (a UUIDv7): increasing, stable." })
  id!: string;

  @Field(() => ServiceOrder)
  order!: ServiceOrder;
}
