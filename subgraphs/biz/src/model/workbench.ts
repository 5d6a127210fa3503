import { GraphQLSafeInt } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Workbench as WorkbenchView } from "../domain/workbench/view.ts";

// Sums may pass a 32-bit Int over a year: SafeInt carries any integer up to 2^53 − 1, exactly.
@ObjectType({ description: "One currency's sum over a period or a day." })
export class AmountTotal {
  @Field(() => String, { description: "ISO 4217, or POINTS for gifts priced in points." })
  currency!: string;

  @Field(() => GraphQLSafeInt, { description: "Minor units (points for POINTS)." })
  amount!: number;

  @Field(() => Int, { description: "How many made it: completed orders, or gifts (their quantity)." })
  count!: number;
}

@ObjectType({
  description:
    "Order transitions the coach saw in a period or a day: won (assigned), completed, cancelled or expired. A completed order never counts as cancelled.",
})
export class OrderCounts {
  @Field(() => Int)
  assigned!: number;

  @Field(() => Int)
  completed!: number;

  @Field(() => Int)
  cancelled!: number;
}

@ObjectType({
  description:
    "The coach's own live streams (M07) in a period or a day: started there, and whole minutes live there (a stream past midnight counts on both days; one still LIVE up to now).",
})
export class LiveStreamCounts {
  @Field(() => Int)
  streamsStarted!: number;

  @Field(() => Int, { description: "Rounded down." })
  minutesLive!: number;
}

@ObjectType({ description: "One UTC day of the workbench." })
export class WorkbenchDay {
  @Field(() => String, { description: "The UTC day, YYYY-MM-DD." })
  date!: string;

  @Field(() => OrderCounts)
  orders!: OrderCounts;

  @Field(() => [AmountTotal], { description: "Completed orders' prices, per currency." })
  revenue!: AmountTotal[];

  @Field(() => [AmountTotal], { description: "The coach's payouts from orders settled that day." })
  payouts!: AmountTotal[];

  @Field(() => [AmountTotal], { description: "Gifts received, per currency (finance's are POINTS)." })
  giftsReceived!: AmountTotal[];

  @Field(() => LiveStreamCounts)
  live!: LiveStreamCounts;
}

@ObjectType({
  description:
    "A coach's workbench over [from, to) (the seed's GET /biz/dashboard, M03), made from trade's, finance's, dynamic's and content's events within seconds of them, and from biz's own live streams.",
})
export class Workbench {
  @Field(() => ID)
  coachId!: string;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date, { description: "Exclusive." })
  to!: Date;

  @Field(() => Int, {
    description:
      "Orders assigned to the coach and not yet completed or cancelled, now (not bound to the period).",
  })
  ordersInProgress!: number;

  @Field(() => OrderCounts, { description: "Over the period." })
  orders!: OrderCounts;

  @Field(() => [AmountTotal], {
    description: "Gross revenue: the prices of orders completed in the period, per currency.",
  })
  revenue!: AmountTotal[];

  @Field(() => [AmountTotal], {
    description:
      "The coach's payouts: their share of orders settled in the period (finance's settlement_recorded), per currency.",
  })
  payouts!: AmountTotal[];

  @Field(() => [AmountTotal], { description: "Gifts received in the period, per currency." })
  giftsReceived!: AmountTotal[];

  @Field(() => LiveStreamCounts, { description: "The coach's live streams in the period." })
  live!: LiveStreamCounts;

  @Field(() => [WorkbenchDay], {
    description: "One per UTC day the period touches, oldest first, empty days included.",
  })
  days!: WorkbenchDay[];
}

export const toWorkbench = (view: WorkbenchView): Workbench => ({
  coachId: view.coachId,
  from: view.period.from,
  to: view.period.to,
  ordersInProgress: view.ordersInProgress,
  orders: view.orders,
  revenue: view.revenue,
  payouts: view.payouts,
  giftsReceived: view.giftsReceived,
  live: view.live,
  days: view.days,
});
