import { Field, InputType, Int } from "type-graphql";

@InputType()
export class CreateCourseInput {
  @Field(() => String, { description: "1–120 characters." })
  title!: string;

  @Field(() => String, { description: "1–2,000 characters." })
  summary!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY); 0 makes it free." })
  priceAmount!: number;

  @Field(() => String, { nullable: true, description: "ISO 4217; CNY when omitted." })
  currency?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "At most 10, each 1–32 characters; stored lowercased.",
  })
  tags?: string[] | null;
}

@InputType()
export class UpdateCourseInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => Int, { nullable: true })
  priceAmount?: number | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces the tags." })
  tags?: string[] | null;
}

@InputType()
export class AddLessonInput {
  @Field(() => String, { description: "1–120 characters." })
  title!: string;

  @Field(() => String, { description: "1–100,000 characters." })
  body!: string;

  @Field(() => Int, { description: "1–10,000, unique in the course." })
  position!: number;

  @Field(() => Boolean, { nullable: true, description: "A free preview; false when omitted." })
  preview?: boolean | null;
}

@InputType()
export class UpdateLessonInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;

  @Field(() => Boolean, { nullable: true })
  preview?: boolean | null;
}
