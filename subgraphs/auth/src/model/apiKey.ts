import { Field, ID, InputType, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A partner's API key (the secret itself is shown only once, at creation)." })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The partner account that owns it." })
  ownerId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "The key's first characters, to tell keys apart." })
  prefix!: string;

  @Field(() => [String], { description: "Which persisted partner operations it may run: catalog, feed." })
  scopes!: string[];

  @Field(() => Int)
  rateLimitPerMinute!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String, { description: "Send as the `x-api-key` header. Shown this once; store it safely." })
  secret!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => ID, { description: "A partner account." })
  ownerId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "catalog, feed." })
  scopes!: string[];

  @Field(() => Int, { description: "Requests per minute, 1–100000." })
  rateLimitPerMinute!: number;
}
