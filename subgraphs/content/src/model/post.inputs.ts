import { Field, InputType } from "type-graphql";

@InputType()
export class CreatePostInput {
  @Field(() => String, { description: "1–120 characters." })
  title!: string;

  @Field(() => String, { description: "1–5,000 characters." })
  body!: string;

  @Field(() => [String], {
    nullable: true,
    description: "At most 10, each 1–32 characters; stored lowercased.",
  })
  tags?: string[] | null;
}

@InputType({ description: "The fields to change; at least one." })
export class UpdatePostInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces the tags." })
  tags?: string[] | null;
}
