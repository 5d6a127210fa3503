import type { Actor } from "@health/platform/auth";
import { badInput, conflict, forbidden, notFound } from "@health/platform/errors";
import { parseMoney } from "@health/platform/money";
import { normalizeTag, parseLevel } from "../matching/rules.ts";
import { isConfirmationOpen, OrderStatus, transition } from "./stateMachine.ts";

export const DEFAULT_DURATION_MINUTES = 60;
const MAX_GRAB_WINDOW_MS = 30 * 86_400_000;

export interface CreateServiceOrderCommand {
  serviceType: string;
  specialty: string;
  region: string;
  priceAmount: number;
  currency?: string | null;
  minCoachLevel: number;
  description: string;
  durationMinutes?: number | null;
  grabDeadline?: Date | null;
  preferredStart?: Date | null;
  idempotencyKey?: string | null;
}

export interface ValidOrder {
  serviceType: string;
  specialty: string;
  region: string;
  priceAmount: number;
  currency: string;
  minCoachLevel: number;
  description: string;
  durationMinutes: number;
  grabDeadline: Date | null;
  preferredStart: Date | null;
}

function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max)
    throw badInput(field, `${field} must be 1–${max} characters.`);
  return trimmed;
}

export function parseDuration(minutes: number | null | undefined, field: string): number {
  const value = minutes ?? DEFAULT_DURATION_MINUTES;
  if (!Number.isInteger(value) || value < 15 || value > 480) {
    throw badInput(field, `${field} must be a whole number of minutes from 15 to 480.`);
  }
  return value;
}

function tag(value: string, field: string): string {
  return normalizeTag(text(value, field, 64));
}

/** Checks a new order (BAD_USER_INPUT naming the field) before anything is written. */
export function validateOrder(input: CreateServiceOrderCommand, now: Date, field = "input"): ValidOrder {
  const money = parseMoney(input.priceAmount, input.currency, field);
  const grabDeadline = input.grabDeadline ?? null;
  if (grabDeadline) {
    const ms = grabDeadline.getTime() - now.getTime();
    if (Number.isNaN(ms) || ms <= 0 || ms > MAX_GRAB_WINDOW_MS) {
      throw badInput(
        `${field}.grabDeadline`,
        `${field}.grabDeadline must be in the future, at most 30 days away.`,
      );
    }
  }
  const preferredStart = input.preferredStart ?? null;
  if (preferredStart && !(preferredStart.getTime() > now.getTime())) {
    throw badInput(`${field}.preferredStart`, `${field}.preferredStart must be in the future.`);
  }
  return {
    serviceType: text(input.serviceType, `${field}.serviceType`, 64),
    specialty: tag(input.specialty, `${field}.specialty`),
    region: tag(input.region, `${field}.region`),
    priceAmount: money.amount,
    currency: money.currency,
    minCoachLevel: parseLevel(input.minCoachLevel, `${field}.minCoachLevel`),
    description: text(input.description, `${field}.description`, 2000),
    durationMinutes: parseDuration(input.durationMinutes, `${field}.durationMinutes`),
    grabDeadline,
    preferredStart,
  };
}

/** Who an order concerns. */
export interface OrderParties {
  id: string;
  customerId: string;
  coachId: string | null;
  status: OrderStatus;
}

const isAdmin = (actor: Actor): boolean => actor.roles.includes("admin");

/** The customer, the assigned coach and admins see an order; nobody else learns it exists. */
export const canViewOrder = (actor: Actor, order: Pick<OrderParties, "customerId" | "coachId">): boolean =>
  isAdmin(actor) ||
  actor.userId === order.customerId ||
  (order.coachId !== null && actor.userId === order.coachId);

/** An admin moving an order that is not theirs (a dispute's resolution): an operator's action, audited. */
export const actsAsOperator = (actor: Actor, order: Pick<OrderParties, "customerId" | "coachId">): boolean =>
  isAdmin(actor) && actor.userId !== order.customerId && actor.userId !== order.coachId;

/** The statuses a person may ask for with updateOrderStatus; the rest are the system's. */
export const REQUESTABLE_STATUSES: readonly OrderStatus[] = [
  OrderStatus.IN_SERVICE,
  OrderStatus.AWAITING_CONFIRMATION,
  OrderStatus.COMPLETED,
  OrderStatus.CANCELLED,
];

/** Who, other than an admin, may ask for each requestable status. */
const REQUESTED_BY: Readonly<Record<string, "customer" | "coach">> = {
  [OrderStatus.IN_SERVICE]: "coach",
  [OrderStatus.AWAITING_CONFIRMATION]: "coach",
  [OrderStatus.COMPLETED]: "customer",
  [OrderStatus.CANCELLED]: "customer",
};

function notRequestable(target: OrderStatus): string {
  switch (target) {
    case OrderStatus.ASSIGNED:
      return "a coach takes an order with grabOrder";
    case OrderStatus.DISPUTED:
      return "the customer disputes a service with disputeOrder";
    default:
      return "OPEN, EXPIRED and CREATED are set by the platform";
  }
}

function wrongParty(order: OrderParties, target: OrderStatus): string {
  switch (target) {
    case OrderStatus.COMPLETED:
      return `Only the customer confirms that order ${order.id} was served (confirmOrderCompletion); the coach marks it done with AWAITING_CONFIRMATION.`;
    case OrderStatus.CANCELLED:
      return `Only the customer can cancel order ${order.id}.`;
    default:
      return `Only the assigned coach can move order ${order.id} to ${target}.`;
  }
}

/**
 * Decides `updateOrderStatus`: NOT_FOUND for a stranger, BAD_USER_INPUT for a status only the system
 * sets, FORBIDDEN for the wrong party (the customer cancels and confirms completion; the assigned coach
 * starts and marks the service done; a DISPUTED order is an operator's; an admin may do any of these),
 * CONFLICT naming the current state for an illegal move.
 */
export function decideStatusChange(actor: Actor, order: OrderParties, target: OrderStatus): OrderStatus {
  if (!canViewOrder(actor, order)) throw notFound("Service order", order.id);
  if (!REQUESTABLE_STATUSES.includes(target)) {
    throw badInput(
      "status",
      `status must be one of ${REQUESTABLE_STATUSES.join(", ")}; ${notRequestable(target)}.`,
    );
  }
  if (!isAdmin(actor)) {
    const party = REQUESTED_BY[target] === "customer" ? order.customerId : order.coachId;
    if (actor.userId !== party) throw forbidden(wrongParty(order, target));
    if (order.status === OrderStatus.DISPUTED) {
      throw forbidden(`Order ${order.id} is DISPUTED: an operator completes or cancels it.`);
    }
  }
  return transition(order.id, order.status, target);
}

/** What a dispute needs of the order besides its parties. */
export interface DisputedOrder extends OrderParties {
  confirmationDeadline: Date | null;
}

/**
 * Decides `disputeOrder`: only the customer, only while AWAITING_CONFIRMATION and inside the
 * confirmation window (CONFLICT after it: the order completes by itself), with a reason of 1–1000
 * characters. Returns the trimmed reason.
 */
export function decideDispute(actor: Actor, order: DisputedOrder, reason: string, now: Date): string {
  if (!canViewOrder(actor, order)) throw notFound("Service order", order.id);
  if (actor.userId !== order.customerId) throw forbidden(`Only the customer can dispute order ${order.id}.`);
  const text = reason.trim();
  if (text.length === 0 || text.length > 1000) throw badInput("reason", "reason must be 1–1000 characters.");
  transition(order.id, order.status, OrderStatus.DISPUTED);
  if (!isConfirmationOpen(order.confirmationDeadline, now)) {
    throw conflict(
      `Order ${order.id}'s confirmation window closed at ${order.confirmationDeadline?.toISOString()}: it completes as served.`,
      { currentState: order.status },
    );
  }
  return text;
}
