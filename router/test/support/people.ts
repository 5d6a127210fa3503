import { setTimeout as sleep } from "node:timers/promises";
import type { graphqlClient } from "./graphqlClient.ts";

const RETRIES_WHEN_UNAVAILABLE = 3;

export interface Person {
  id: string;
  token: string;
  /** Trades for a token carrying roles granted since (`refreshToken`). */
  refreshToken?: string;
  name: string;
}

/**
 * Registers a new person through the router (a fresh email each time) and returns their tokens. Every
 * account starts as a USER; `signUpCoach` (coaches.ts) goes on through an application and an approval.
 */
export async function signUp(request: ReturnType<typeof graphqlClient>, name: string): Promise<Person> {
  const input = {
    email: `${name.toLowerCase()}-${crypto.randomUUID()}@example.com`,
    password: "correct-horse-42",
    displayName: name,
  };
  const register = () =>
    request<{ register: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      "mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }",
      { input },
    );
  let result = await register();
  // As a client app does: UNAVAILABLE says when to come back (auth refuses sign-ups while its Redis limiter
  // does not answer in time, which a loaded two-core machine can cause for a moment).
  for (let retry = 0; retry < RETRIES_WHEN_UNAVAILABLE && !result.data; retry++) {
    const extensions = result.errors?.[0]?.extensions;
    if (extensions?.code !== "UNAVAILABLE") break;
    await sleep(Math.min(Number(extensions.retryAfterSeconds ?? 1), 5) * 1_000);
    result = await register();
  }
  if (!result.data) throw new Error(`sign-up of ${name} failed: ${JSON.stringify(result.errors)}`);
  const { accessToken, refreshToken, user } = result.data.register;
  return { id: user.id, token: accessToken, refreshToken, name };
}
