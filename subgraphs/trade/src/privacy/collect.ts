import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import { asTradeTx } from "../domain/orders/paymentSaga.ts";
import type { ServiceOrder } from "../generated/prisma/client.ts";

/** What an order is, to either of its parties: its terms, where it stands, and when it moved. */
const orderTerms = (order: ServiceOrder) => ({
  id: order.id,
  status: order.status,
  serviceType: order.serviceType,
  specialty: order.specialty,
  region: order.region,
  priceAmount: order.priceAmount,
  currency: order.currency,
  minCoachLevel: order.minCoachLevel,
  durationMinutes: order.durationMinutes,
  grabDeadline: order.grabDeadline,
  preferredStart: order.preferredStart,
  createdAt: order.createdAt,
  assignedAt: order.assignedAt,
  startedAt: order.startedAt,
  completedByCoachAt: order.completedByCoachAt,
  confirmationDeadline: order.confirmationDeadline,
  disputedAt: order.disputedAt,
  completedAt: order.completedAt,
  cancelledAt: order.cancelledAt,
  cancelReason: order.cancelReason,
  expiredAt: order.expiredAt,
});

/**
 * Everything trade holds about `userId`: orders as customer (with the words they wrote) and as coach
 * (the customer by id only: their words are theirs), appointments on either side, grab attempts, and as
 * a coach their profile, level and offerings.
 */
export async function collectTrade(executor: SqlExecutor, userId: string): Promise<ExportSections> {
  const tx = asTradeTx(executor);
  const byTime = { createdAt: "asc" } as const;
  // One after another: they share the consumer's transaction and its one connection.
  const asCustomer = await tx.serviceOrder.findMany({ where: { customerId: userId }, orderBy: byTime });
  const asCoach = await tx.serviceOrder.findMany({ where: { coachId: userId }, orderBy: byTime });
  const appointments = await tx.appointment.findMany({
    where: { OR: [{ customerId: userId }, { coachId: userId }] },
    orderBy: byTime,
  });
  const grabAttempts = await tx.grabRequest.findMany({ where: { coachId: userId }, orderBy: byTime });
  const profile = await tx.coachProfile.findUnique({ where: { coachId: userId } });
  const level = await tx.coachLevel.findUnique({ where: { coachId: userId } });
  const offerings = await tx.serviceOffering.findMany({ where: { coachId: userId }, orderBy: byTime });
  return {
    ordersAsCustomer: asCustomer.map((order) => ({
      ...orderTerms(order),
      coachId: order.coachId,
      description: order.description,
      disputeReason: order.disputeReason,
    })),
    ordersAsCoach: asCoach.map((order) => ({ ...orderTerms(order), customerId: order.customerId })),
    appointments: appointments.map((slot) => ({
      id: slot.id,
      orderId: slot.orderId,
      role: slot.customerId === userId ? "CUSTOMER" : "COACH",
      customerId: slot.customerId,
      coachId: slot.coachId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      createdAt: slot.createdAt,
    })),
    grabAttempts: grabAttempts.map((attempt) => ({
      id: attempt.id,
      orderId: attempt.orderId,
      outcome: attempt.outcome,
      reason: attempt.reason,
      createdAt: attempt.createdAt,
    })),
    coachProfile: profile
      ? [
          {
            specialties: profile.specialties,
            regions: profile.regions,
            level: profile.level,
            capacity: profile.capacity,
            updatedAt: profile.updatedAt,
          },
        ]
      : [],
    coachLevel: level ? [{ level: level.level, sequence: level.sequence, changedAt: level.changedAt }] : [],
    serviceOfferings: offerings.map((offering) => ({
      id: offering.id,
      serviceType: offering.serviceType,
      specialty: offering.specialty,
      priceAmount: offering.priceAmount,
      currency: offering.currency,
      durationMinutes: offering.durationMinutes,
      region: offering.region,
      createdAt: offering.createdAt,
    })),
  };
}
