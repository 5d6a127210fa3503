import { Field, Int, ObjectType } from "type-graphql";
import type { CoachProfile as CoachProfileRow } from "../generated/prisma/client.ts";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "A coach's matching rules: which OPEN orders the coach sees and may grab." })
export class CoachProfile {
  @Field(() => User)
  coach!: User;

  @Field(() => [String])
  specialties!: string[];

  @Field(() => [String])
  regions!: string[];

  @Field(() => Int, {
    description:
      "1–5, computed by ops from ratings, completed orders and verified certificates (1 for a new profile); orders with a higher minCoachLevel are not offered.",
  })
  level!: number;

  @Field(() => Int, { description: "Most orders held at once (ASSIGNED + IN_SERVICE)." })
  capacity!: number;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toCoachProfile = (row: CoachProfileRow): CoachProfile => ({
  coach: userRef(row.coachId),
  specialties: row.specialties,
  regions: row.regions,
  level: row.level,
  capacity: row.capacity,
  updatedAt: row.updatedAt,
});
