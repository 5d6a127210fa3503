import { HighlightedText } from "@health/platform/graphql";
import type { Snippet } from "@health/platform/search";
import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "What a product search matched in the product." })
export class ProductHighlight {
  @Field(() => HighlightedText, { nullable: true })
  name!: Snippet | null;

  @Field(() => HighlightedText, { nullable: true, description: "Null when the product has no description." })
  description!: Snippet | null;
}
