import type { Actor } from "@health/platform/auth";
import { AppError, badInput, conflict, forbidden, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { isUniqueViolation, postgresFailure } from "@health/platform/prisma";
import type { TradeDb } from "../db.ts";
import type { Appointment } from "../generated/prisma/client.ts";
import { canViewOrder } from "./orders/rules.ts";
import { OrderStatus } from "./orders/stateMachine.ts";

/** The hand-written exclusion constraint (prisma/trade migration) that keeps a coach's slots apart. */
export const NO_OVERLAP_CONSTRAINT = "appointments_no_overlap";

const isOverlap = (error: unknown): boolean => {
  const failure = postgresFailure(error);
  return failure.code === "23P01" || failure.text.includes(NO_OVERLAP_CONSTRAINT);
};

const isDuplicateOrder = (error: unknown): boolean =>
  isUniqueViolation(error) || postgresFailure(error).text.includes("order_id");

/**
 * Books the slot of an ASSIGNED order, `startsAt` plus the order's duration, for its customer or its
 * assigned coach. The database refuses an overlapping slot of the same coach (exclusion constraint), so
 * concurrent bookings cannot double-book: the loser gets CONFLICT.
 */
export async function bookAppointment(
  db: TradeDb,
  actor: Actor,
  orderId: string,
  startsAt: Date,
  now: Date,
): Promise<Appointment> {
  const id = uuidArg(orderId, "orderId");
  if (Number.isNaN(startsAt.getTime()) || startsAt.getTime() <= now.getTime()) {
    throw badInput("startsAt", "startsAt must be in the future.");
  }
  const order = await db.serviceOrder.findUnique({ where: { id } });
  if (!order || !canViewOrder(actor, order)) throw notFound("Service order", id);
  if (actor.userId !== order.customerId && actor.userId !== order.coachId) {
    throw forbidden(`Only the customer or the assigned coach can book order ${id}.`);
  }
  if (order.status !== OrderStatus.ASSIGNED || !order.coachId) {
    throw conflict(`Order ${id} is ${order.status}: appointments are booked for ASSIGNED orders.`, {
      currentState: order.status,
    });
  }
  const endsAt = new Date(startsAt.getTime() + order.durationMinutes * 60_000);
  try {
    return await db.$transaction(async (tx) => {
      // Re-checked under the order's row lock: a cancel racing this booking cannot slip in between.
      const locked = await tx.$queryRaw<Array<{ status: OrderStatus }>>`
        SELECT status FROM service_orders WHERE id = ${id}::uuid FOR UPDATE`;
      const status = locked[0]?.status;
      if (status !== OrderStatus.ASSIGNED) {
        throw conflict(`Order ${id} is ${status}: appointments are booked for ASSIGNED orders.`, {
          currentState: status,
        });
      }
      return tx.appointment.create({
        data: {
          orderId: id,
          coachId: order.coachId as string,
          customerId: order.customerId,
          startsAt,
          endsAt,
        },
      });
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isOverlap(error)) {
      throw conflict(
        `The coach already has an appointment overlapping ${startsAt.toISOString()}–${endsAt.toISOString()}; choose another time.`,
        { reason: "OVERLAP" },
      );
    }
    if (isDuplicateOrder(error)) {
      throw conflict(`Order ${id} already has an appointment.`, { reason: "ALREADY_BOOKED" });
    }
    throw error;
  }
}
