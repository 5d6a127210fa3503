import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { parseMoney } from "@health/platform/money";
import { afterCursor, cursorOfRow, NEWEST_FIRST, type Page, toPage } from "@health/platform/pagination";
import type { TradeDb } from "../db.ts";
import type { ServiceOffering } from "../generated/prisma/client.ts";
import { normalizeTag } from "./matching/rules.ts";
import type { PageArgs } from "./orders/orders.ts";
import { parseDuration } from "./orders/rules.ts";
import { pageRequest } from "./pagination.ts";

export interface CreateServiceOfferingCommand {
  serviceType: string;
  specialty: string;
  priceAmount: number;
  currency?: string | null;
  durationMinutes: number;
  region: string;
}

export interface ServiceOfferingFilter {
  specialty?: string | null;
  region?: string | null;
  serviceType?: string | null;
}

function required(value: string, field: string, max = 64): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max)
    throw badInput(field, `${field} must be 1–${max} characters.`);
  return trimmed;
}

/** A coach's offering, checked (BAD_USER_INPUT naming the field) before it is written. */
export function validateOffering(input: CreateServiceOfferingCommand, field = "input") {
  const money = parseMoney(input.priceAmount, input.currency, field);
  return {
    serviceType: required(input.serviceType, `${field}.serviceType`),
    specialty: normalizeTag(required(input.specialty, `${field}.specialty`)),
    region: normalizeTag(required(input.region, `${field}.region`)),
    priceAmount: money.amount,
    currency: money.currency,
    durationMinutes: parseDuration(input.durationMinutes, `${field}.durationMinutes`),
  };
}

export function createServiceOffering(
  db: TradeDb,
  actor: Actor,
  input: CreateServiceOfferingCommand,
): Promise<ServiceOffering> {
  return db.serviceOffering.create({ data: { coachId: actor.userId, ...validateOffering(input) } });
}

/** The marketplace: offerings matching every given filter, newest first. */
export async function listServiceOfferings(
  db: TradeDb,
  filter: ServiceOfferingFilter,
  args: PageArgs & { coachId?: string },
): Promise<Page<ServiceOffering>> {
  const { size, cursor } = pageRequest(args);
  const rows = await db.serviceOffering.findMany({
    where: {
      AND: [
        filter.specialty ? { specialty: normalizeTag(filter.specialty) } : {},
        filter.region ? { region: normalizeTag(filter.region) } : {},
        filter.serviceType ? { serviceType: filter.serviceType.trim() } : {},
        args.coachId ? { coachId: args.coachId } : {},
        afterCursor(cursor),
      ],
    },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}
