import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

const LOGIN = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

let auth: AuthHarness;
beforeAll(async () => {
  auth = await startAuthSubgraph({
    LOGIN_MAX_ATTEMPTS_PER_IP: "3",
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: "100",
  });
});
afterAll(() => auth?.close());

describe("login throttling per IP", () => {
  it("stops one address spraying many accounts, whatever the emails", async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const result = await auth.request(LOGIN, {
        input: { email: `spray-${i}@example.com`, password: "Guess-1234" },
      });
      codes.push(result.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual([
      "UNAUTHENTICATED",
      "UNAUTHENTICATED",
      "UNAUTHENTICATED",
      "RATE_LIMITED",
      "RATE_LIMITED",
    ]);
  });
});
