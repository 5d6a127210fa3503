import type { DataHolder } from "@health/events/privacy";
import type { Person } from "../people.ts";

// What `seedPersonEverywhere` (../seedPerson.ts) hands back: the person, their texts, and the ids of what
// they hold in each subgraph.

export type SeedItems = Record<DataHolder, Record<string, string[]>>;

/** The person's own texts, each unique to this seed, for the proof's trace scan. */
export interface SeedTexts {
  phrase: string;
  displayName: string;
  email: string;
  postTitle: string;
  postBody: string;
  comment: string;
  chat: string;
  ratingComment: string;
  healthNote: string;
  deviceExternalId: string;
  generationTopic: string;
}

export interface SeededPerson extends Person {
  email: string;
  password: string;
  displayName: string;
  texts: SeedTexts;
  items: SeedItems;
  /** The people the seed made around them. */
  others: { coach: Person; follower: Person; admin: Person };
  /** Others' things the person's items live in (not the person's own: no export lists them). */
  places: { liveRoomId: string; communityId: string; coachPostId: string; courseId: string };
}
