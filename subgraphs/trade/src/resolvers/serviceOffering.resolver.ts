import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TradeContext } from "../context.ts";
import { createServiceOffering, listServiceOfferings } from "../domain/offerings.ts";
import { CreateServiceOfferingInput, ServiceOfferingFilterInput } from "../model/serviceOffering.inputs.ts";
import {
  ServiceOffering,
  ServiceOfferingConnection,
  toServiceOffering,
  toServiceOfferingConnection,
} from "../model/serviceOffering.ts";

@Resolver(() => ServiceOffering)
export class ServiceOfferingResolver {
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => ServiceOfferingConnection, {
    description: "The marketplace: offerings matching every given filter, newest first (anyone).",
  })
  async serviceOfferings(
    @Ctx() ctx: TradeContext,
    @Arg("filter", () => ServiceOfferingFilterInput, { nullable: true })
    filter: ServiceOfferingFilterInput | null,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ServiceOfferingConnection> {
    const page = await listServiceOfferings(ctx.deps.db, filter ?? {}, { first, after });
    return toServiceOfferingConnection(page);
  }

  @Authorized("coach")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => ServiceOfferingConnection, { description: "The calling coach's offerings, newest first." })
  async myServiceOfferings(
    @Ctx() ctx: TradeContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ServiceOfferingConnection> {
    const page = await listServiceOfferings(ctx.deps.db, {}, { first, after, coachId: actorOf(ctx).userId });
    return toServiceOfferingConnection(page);
  }

  /** POST /services */
  @Authorized("coach")
  @Mutation(() => ServiceOffering, { description: "Offers a service at a fixed price (coaches)." })
  async createServiceOffering(
    @Ctx() ctx: TradeContext,
    @Arg("input", () => CreateServiceOfferingInput) input: CreateServiceOfferingInput,
  ): Promise<ServiceOffering> {
    return toServiceOffering(await createServiceOffering(ctx.deps.db, actorOf(ctx), input));
  }
}
