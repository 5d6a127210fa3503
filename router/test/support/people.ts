import type { graphqlClient } from "./graphqlClient.ts";

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
  const result = await request<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(
    "mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }",
    {
      input: {
        email: `${name.toLowerCase()}-${crypto.randomUUID()}@example.com`,
        password: "correct-horse-42",
        displayName: name,
      },
    },
  );
  if (!result.data) throw new Error(`sign-up of ${name} failed: ${JSON.stringify(result.errors)}`);
  const { accessToken, refreshToken, user } = result.data.register;
  return { id: user.id, token: accessToken, refreshToken, name };
}
