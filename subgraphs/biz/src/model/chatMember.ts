import { Field, ID, ObjectType } from "type-graphql";
import type { ChatMemberRow } from "../domain/chat/moderation.ts";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "A person's standing in one live stream's chat: moderator, muted, banned." })
export class ChatMember {
  @Field(() => ID)
  streamId!: string;

  @Field(() => User)
  user!: User;

  @Field(() => Boolean, { description: "Appointed by the host: may delete messages, mute and ban viewers." })
  moderator!: boolean;

  @Field(() => Date, { nullable: true, description: "Muted until then (may be past)." })
  mutedUntil!: Date | null;

  @Field(() => Date, { nullable: true, description: "Banned since then; null when not banned." })
  bannedAt!: Date | null;
}

export const toChatMember = (row: ChatMemberRow): ChatMember => ({
  streamId: row.streamId,
  user: userRef(row.userId),
  moderator: row.moderator,
  mutedUntil: row.mutedUntil,
  bannedAt: row.bannedAt,
});
