import type { Snippet } from "@health/platform/search";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Where a search matched, as offsets into `HighlightedText.text`." })
export class TextRange {
  @Field(() => Int, { description: "In UTF-16 code units (JavaScript string indexes), inclusive." })
  start!: number;

  @Field(() => Int, { description: "Exclusive." })
  end!: number;
}

@ObjectType({
  description:
    "A piece of a field around what a search matched (`…` where it was cut), and where the matches are: mark them up as you draw them.",
})
export class HighlightedText {
  @Field(() => String)
  text!: string;

  @Field(() => [TextRange])
  matches!: TextRange[];
}

@ObjectType({ description: "What a product search matched in the product." })
export class ProductHighlight {
  @Field(() => HighlightedText, { nullable: true })
  name!: Snippet | null;

  @Field(() => HighlightedText, { nullable: true, description: "Null when the product has no description." })
  description!: Snippet | null;
}
