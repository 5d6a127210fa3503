import { Field, InputType, Int } from "type-graphql";

@InputType()
export class AskQuestionInput {
  @Field(() => String, { description: "1–150 characters." })
  title!: string;

  @Field(() => String, { description: "1–10,000 characters." })
  body!: string;

  @Field(() => [String], {
    nullable: true,
    description: "At most 5, each 1–32 characters; stored lowercased, inner spaces as `-`.",
  })
  tags?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Points (1–100,000) for the author of the answer you accept, held from your points until then; returned to you if no answer is accepted in time. Needs `idempotencyKey`.",
  })
  bountyPoints?: number | null;
}

@InputType({
  description: "The fields of your question to change; at least one. The bounty is not editable.",
})
export class UpdateQuestionInput {
  @Field(() => String, { nullable: true, description: "1–150 characters." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "1–10,000 characters." })
  body?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces the tags (at most 5)." })
  tags?: string[] | null;
}
