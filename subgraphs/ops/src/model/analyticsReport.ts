import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({
  description: "What was paid in one currency (payment_success; gross: no refund event exists).",
})
export class GmvAmount {
  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => GraphQLSafeInt, { description: "Minor units." })
  amount!: number;

  @Field(() => Int)
  payments!: number;
}

@ObjectType({ description: "Analytics figures (M17), of one UTC day or of a whole period." })
export class AnalyticsFigures {
  @Field(() => Int, {
    description:
      "Distinct users who caused a catalogued event (the platform publishes no read events); over a period, each counted once.",
  })
  activeUsers!: number;

  @Field(() => Int, { description: "Service orders created (order_created)." })
  ordersCreated!: number;

  @Field(() => Int, { description: "Service orders completed (service_completed)." })
  ordersCompleted!: number;

  @Field(() => Int, { description: "Service orders cancelled or expired (order_cancelled)." })
  ordersCancelled!: number;

  @Field(() => Int, { description: "Shop orders paid (product_purchased)." })
  shopOrdersPaid!: number;

  @Field(() => [GmvAmount], { description: "Gross merchandise value per currency." })
  gmv!: GmvAmount[];

  @Field(() => Int, {
    description: "Distinct signed-in users who clicked an ad (the views the catalog carries).",
  })
  adClickers!: number;

  @Field(() => Int, { description: "Of those, the ones who paid for a shop order the same UTC day." })
  adClickersWhoBought!: number;

  @Field(() => Float, {
    nullable: true,
    description: "View → order conversion: adClickersWhoBought / adClickers; null when nobody clicked.",
  })
  conversionRate!: number | null;
}

@ObjectType({ description: "One UTC day's figures." })
export class AnalyticsDay extends AnalyticsFigures {
  @Field(() => String, { description: "YYYY-MM-DD (UTC)." })
  day!: string;
}

@ObjectType({ description: "analyticsReport: each UTC day the period touches, and the totals." })
export class AnalyticsReport {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => [AnalyticsDay])
  days!: AnalyticsDay[];

  @Field(() => AnalyticsFigures)
  totals!: AnalyticsFigures;
}
