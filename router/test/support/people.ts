import type { graphqlClient } from "./graphqlClient.ts";

export interface Person {
  id: string;
  token: string;
  name: string;
}

/** Registers a new person through the router (a fresh email each time) and returns their access token. */
export async function signUp(
  request: ReturnType<typeof graphqlClient>,
  name: string,
  role: "USER" | "COACH" = "USER",
): Promise<Person> {
  const result = await request<{ register: { accessToken: string; user: { id: string } } }>(
    "mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }",
    {
      input: {
        email: `${name.toLowerCase()}-${crypto.randomUUID()}@example.com`,
        password: "correct-horse-42",
        displayName: name,
        role,
      },
    },
  );
  if (!result.data) throw new Error(`sign-up of ${name} failed: ${JSON.stringify(result.errors)}`);
  return { id: result.data.register.user.id, token: result.data.register.accessToken, name };
}
