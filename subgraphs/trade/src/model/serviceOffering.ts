import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { ServiceOffering as ServiceOfferingRow } from "../generated/prisma/client.ts";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "A service a coach sells at a fixed price (the marketplace, M04)." })
export class ServiceOffering {
  @Field(() => ID)
  id!: string;

  @Field(() => User)
  coach!: User;

  @Field(() => String)
  serviceType!: string;

  @Field(() => String)
  specialty!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY)." })
  priceAmount!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => Int)
  durationMinutes!: number;

  @Field(() => String)
  region!: string;

  @Field(() => Date)
  createdAt!: Date;
}

export const toServiceOffering = (row: ServiceOfferingRow): ServiceOffering => ({
  id: row.id,
  coach: userRef(row.coachId),
  serviceType: row.serviceType,
  specialty: row.specialty,
  priceAmount: row.priceAmount,
  currency: row.currency,
  durationMinutes: row.durationMinutes,
  region: row.region,
  createdAt: row.createdAt,
});

@ObjectType()
export class ServiceOfferingConnection extends Connection(ServiceOffering) {}

export const toServiceOfferingConnection = (page: Page<ServiceOfferingRow>): ServiceOfferingConnection =>
  toConnection(page, toServiceOffering);
