import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { FinanceContext } from "../context.ts";
import { createPayment } from "../domain/payments/create.ts";
import { capturePayment, refundPayment, voidPayment } from "../domain/payments/operations.ts";
import { PAYMENTS_PAGE, paymentFor, paymentsOf } from "../domain/payments/queries.ts";
import { CreatePaymentInput } from "../model/payment.inputs.ts";
import { Payment, PaymentConnection, toPayment, toPaymentConnection } from "../model/payment.ts";

const KEY = { description: "Unique per operation you mean once; a retry with it gets the first answer." };

/** Payments (M13): the payer's own, and an admin's capture, refund and void (the saga's, later). */
@Resolver(() => Payment)
export class PaymentResolver {
  @Authorized()
  @Query(() => Payment, {
    description: "A payment of the caller's (any, for an admin); NOT_FOUND otherwise.",
  })
  async payment(@Ctx() ctx: FinanceContext, @Arg("id", () => ID) id: string): Promise<Payment> {
    return toPayment(await paymentFor(ctx.deps.db, actorOf(ctx), id));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => PaymentConnection, {
    description: "The caller's payments, newest first; an admin may name another payer.",
  })
  async payments(
    @Ctx() ctx: FinanceContext,
    @Arg("payerId", () => ID, { nullable: true }) payerId: string | null,
    @Arg("first", () => Int, { defaultValue: PAYMENTS_PAGE.defaultSize, description: "1–100" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<PaymentConnection> {
    return toPaymentConnection(await paymentsOf(ctx.deps.db, actorOf(ctx), { payerId, first, after }));
  }

  @Authorized()
  @Mutation(() => Payment, {
    description:
      "Pays (the seed's POST /payments): CREATED at once, AUTHORIZED or FAILED when the provider confirms. Idempotent by input.idempotencyKey.",
  })
  async createPayment(
    @Ctx() ctx: FinanceContext,
    @Arg("input", () => CreatePaymentInput) input: CreatePaymentInput,
  ): Promise<Payment> {
    return toPayment(await createPayment(ctx.deps.db, ctx.deps.payments, actorOf(ctx), input));
  }

  @Authorized("admin")
  @Mutation(() => Payment, {
    description: "Takes an AUTHORIZED payment's held funds; CONFLICT from any other state.",
  })
  async capturePayment(
    @Ctx() ctx: FinanceContext,
    @Arg("id", () => ID) id: string,
    @Arg("idempotencyKey", () => String, KEY) idempotencyKey: string,
  ): Promise<Payment> {
    return toPayment(
      await capturePayment(ctx.deps.db, ctx.deps.payments, actorOf(ctx), { id, idempotencyKey }),
    );
  }

  @Authorized("admin")
  @Mutation(() => Payment, {
    description:
      "Returns `amount` (all that remains when omitted) of a captured payment; CONFLICT from any other state.",
  })
  async refundPayment(
    @Ctx() ctx: FinanceContext,
    @Arg("id", () => ID) id: string,
    @Arg("idempotencyKey", () => String, KEY) idempotencyKey: string,
    @Arg("amount", () => Int, { nullable: true }) amount: number | null,
  ): Promise<Payment> {
    return toPayment(
      await refundPayment(ctx.deps.db, ctx.deps.payments, actorOf(ctx), { id, idempotencyKey, amount }),
    );
  }

  @Authorized("admin")
  @Mutation(() => Payment, {
    description: "Releases an AUTHORIZED payment's hold; CONFLICT from any other state.",
  })
  async voidPayment(
    @Ctx() ctx: FinanceContext,
    @Arg("id", () => ID) id: string,
    @Arg("idempotencyKey", () => String, KEY) idempotencyKey: string,
  ): Promise<Payment> {
    return toPayment(await voidPayment(ctx.deps.db, ctx.deps.payments, actorOf(ctx), { id, idempotencyKey }));
  }
}
