import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { PaymentView } from "../domain/payments/paymentView.ts";
import { PaymentStatus } from "../generated/prisma/enums.ts";

registerEnumType(PaymentStatus, {
  name: "PaymentStatus",
  description:
    "Where a payment is: CREATED → AUTHORIZED → CAPTURED → (PARTIALLY_)REFUNDED, or FAILED, or VOIDED.",
  valuesConfig: {
    CREATED: { description: "Asked of the provider; its answer (AUTHORIZED or FAILED) comes by webhook." },
    AUTHORIZED: { description: "The provider holds the funds." },
    CAPTURED: { description: "The held funds were taken." },
    PARTIALLY_REFUNDED: { description: "Part of the captured amount went back." },
    REFUNDED: { description: "All of the captured amount went back." },
    FAILED: { description: "The provider declined." },
    VOIDED: { description: "The hold was released without capture." },
  },
});

@ObjectType({ description: "A payment (M13): amounts in the currency's smallest unit (fen for CNY)." })
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  payerId!: string;

  @Field(() => Int, { description: "Minor units." })
  amount!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => String, { description: "What it pays for (an order id)." })
  reference!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => Int)
  capturedAmount!: number;

  @Field(() => Int)
  refundedAmount!: number;

  @Field(() => String, {
    description: 'The provider holding it: "local" is the LOCAL provider (no real money).',
  })
  provider!: string;

  @Field(() => String, { nullable: true, description: "Why the provider declined, when FAILED." })
  failureReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toPayment = (view: PaymentView): Payment => ({
  ...view,
  createdAt: new Date(view.createdAt),
  updatedAt: new Date(view.updatedAt),
});

@ObjectType()
export class PaymentConnection extends Connection(Payment) {}

export const toPaymentConnection = (page: Page<PaymentView>): PaymentConnection =>
  toConnection(page, toPayment);
