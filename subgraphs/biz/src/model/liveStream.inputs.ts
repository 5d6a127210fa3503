import { Field, InputType } from "type-graphql";

@InputType({ description: "A live stream to schedule (the seed's POST /live-streams)." })
export class ScheduleLiveStreamInput {
  @Field(() => String, { description: "1–120 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: "At most 2000 characters." })
  description?: string | null;

  @Field(() => Date, { description: "From now (5 minutes' grace) to 366 days ahead." })
  scheduledAt!: Date;
}
