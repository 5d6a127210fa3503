import type { DataHolder } from "@health/events/privacy";
import { eventually } from "@health/platform/testing";
import type { graphqlClient } from "../graphqlClient.ts";
import type { Person } from "../people.ts";
import type { StartedPlatform } from "../startPlatform.ts";
import type { SeededPerson, SeedTexts } from "./seededPerson.ts";

// What every subgraph's seeding step of `seedPersonEverywhere` shares.

export type Request = ReturnType<typeof graphqlClient>;

/** The seed in progress: the person, the people around them, and where their things go. */
export interface Seed {
  platform: StartedPlatform;
  request: Request;
  person: SeededPerson;
  coach: Person;
  follower: Person;
  admin: Person;
  texts: SeedTexts;
  /** The coach's region: only the seed's orders are there. */
  region: string;
  /** Set by `seedTrade`: the order the coach completed (ops's rating rates it). */
  completedOrderId?: string;
}

export const DAY = 86_400_000;

/** `query` through the router as `token`'s holder; throws with the errors unless it answered cleanly. */
export async function ok<T>(
  request: Request,
  query: string,
  variables: Record<string, unknown>,
  token: string,
) {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(`${query.slice(0, 80)}… failed: ${JSON.stringify(errors)}`);
  return data;
}

/** Polls `read` until `done` holds; throws naming `what` if it never does (within 20 s). */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const value = await eventually(read, done, 20_000);
  if (!done(value))
    throw new Error(`seedPerson: ${what} never happened (last read ${JSON.stringify(value)})`);
  return value;
}

/** Reads `query` through the router as `token`'s holder until `done` holds (an asynchronous effect landed). */
export const readUntil = <T>(
  request: Request,
  what: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  done: (value: T) => boolean,
): Promise<T> => until(what, () => ok<T>(request, query, variables, token), done);

/** Adds the ids of what a step made to the person's items of `holder`, under `kind`. */
export const record = (seed: Seed, holder: DataHolder, kind: string, ...ids: string[]) => {
  const items = seed.person.items[holder];
  items[kind] = [...(items[kind] ?? []), ...ids];
};
