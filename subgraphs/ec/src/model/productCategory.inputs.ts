import { Field, InputType } from "type-graphql";

@InputType()
export class CreateProductCategoryInput {
  @Field(() => String, { description: "1–64 characters, unique." })
  name!: string;
}
