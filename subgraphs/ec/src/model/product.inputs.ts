import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { ProductStatus } from "../generated/prisma/enums.ts";

@InputType()
export class SkuInput {
  @Field(() => String, { description: "1–64 characters, unique across the mall." })
  code!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY); 0 or more." })
  priceAmount!: number;

  @Field(() => String, { nullable: true, description: "ISO 4217; CNY when omitted." })
  currency?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Strings, numbers and booleans by name." })
  attributes?: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true, description: "Units on hand, 0 or more; 0 when omitted." })
  stock?: number | null;
}

@InputType()
export class CreateProductInput {
  @Field(() => String, { description: "1–120 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Up to 10,000 characters; searched with the name." })
  description?: string | null;

  @Field(() => ID)
  categoryId!: string;

  @Field(() => ProductStatus, { nullable: true, description: "ACTIVE when omitted." })
  status?: ProductStatus | null;

  @Field(() => [SkuInput], { description: "1–50, codes distinct." })
  skus!: SkuInput[];
}

@InputType({ description: "The fields to change; those omitted stay." })
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => ProductStatus, { nullable: true })
  status?: ProductStatus | null;
}
