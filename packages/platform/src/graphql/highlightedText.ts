// Decorated at import, like pageInfo.ts: the GraphQL shape of @health/platform/search's Snippet.
import "reflect-metadata";
import { Directive, Field, Int, ObjectType } from "type-graphql";

/** Shareable: every subgraph that searches (ec, content) returns these same value types. */
@Directive("@shareable")
@ObjectType({ description: "Where a search matched, as offsets into `HighlightedText.text`." })
export class TextRange {
  @Field(() => Int, { description: "In UTF-16 code units (JavaScript string indexes), inclusive." })
  start!: number;

  @Field(() => Int, { description: "Exclusive." })
  end!: number;
}

@Directive("@shareable")
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
