import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Everything here goes through the router only, as a client app would.

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id } }
  }
`;
const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) { login(input: $input) { accessToken user { id displayName } } }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: RecordHealthDataInput!) {
    recordHealthData(input: $input) { record { id metric value unit systolic diastolic } }
  }
`;
const RECORDS = /* GraphQL */ `
  query Records($userId: ID!) { healthRecords(userId: $userId) { nodes { metric value systolic diastolic } } }
`;
const password = "correct-horse-42";

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

async function signUp() {
  const email = `p-${randomUUID()}@example.com`;
  const registered = await request<{ register: { user: { id: string } } }>(REGISTER, {
    input: { email, password, displayName: `Person ${email.slice(2, 8)}` },
  });
  expect(registered.errors).toBeUndefined();
  const login = await request<{ login: { accessToken: string } }>(LOGIN, { input: { email, password } });
  expect(login.errors).toBeUndefined();
  return { id: registered.data!.register.user.id, email, token: login.data!.login.accessToken };
}

const recordBloodPressure = (token: string, systolic: number, diastolic: number) =>
  request(RECORD, { input: { metric: "BLOOD_PRESSURE", systolic, diastolic } }, token);

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

describe("a person's health data through the router", () => {
  it("register → login → `me` with health fields from the user subgraph → record → read back", async () => {
    const ann = await signUp();
    const recorded = await request(RECORD, { input: { metric: "WEIGHT", value: 71.5 } }, ann.token);
    expect(recorded.errors).toBeUndefined();
    expect(await recordBloodPressure(ann.token, 121, 79)).not.toHaveProperty("errors");

    // One query: displayName and email from auth, health fields from user.
    const me = await request<{
      me: {
        id: string;
        email: string;
        latestHealthRecord: { value: number; unit: string };
        healthRecords: unknown[];
      };
    }>(
      `query { me { id email displayName latestHealthRecord(metric: WEIGHT) { value unit } healthRecords(first: 10) { metric } } }`,
      {},
      ann.token,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toMatchObject({
      id: ann.id,
      email: ann.email,
      latestHealthRecord: { value: 71.5, unit: "kg" },
    });
    expect(me.data?.me.healthRecords).toHaveLength(2);

    const back = await request<{ healthRecords: { nodes: Array<Record<string, unknown>> } }>(
      RECORDS,
      { userId: ann.id },
      ann.token,
    );
    expect(back.data?.healthRecords.nodes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: "WEIGHT", value: 71.5 }),
        expect.objectContaining({ metric: "BLOOD_PRESSURE", systolic: 121, diastolic: 79 }),
      ]),
    );
  });

  it("refuses another user with FORBIDDEN and logs the attempt", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    await recordBloodPressure(owner.token, 130, 85);

    const attempt = await request(RECORDS, { userId: owner.id }, stranger.token);
    expect(attempt.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(attempt.data?.healthRecords ?? null).toBeNull();

    const log = await request<{ healthDataAccessLog: Array<{ actorId: string; outcome: string }> }>(
      "query($id: ID!) { healthDataAccessLog(userId: $id) { actorId outcome resource } }",
      { id: owner.id },
      owner.token,
    );
    expect(log.data?.healthDataAccessLog).toContainEqual(
      expect.objectContaining({ actorId: stranger.id, outcome: "DENIED" }),
    );
  });

  it("serves a coach only while a consent grant is live", async () => {
    const owner = await signUp();
    const coach = await signUpCoach(platform, request, "Coach");
    await recordBloodPressure(owner.token, 118, 76);

    const before = await request(RECORDS, { userId: owner.id }, coach.token);
    expect(before.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const grant = await request<{ grantConsent: { id: string } }>(
      "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id live } }",
      {
        input: {
          coachId: coach.id,
          metrics: ["BLOOD_PRESSURE"],
          expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        },
      },
      owner.token,
    );
    expect(grant.errors).toBeUndefined();
    const during = await request<{ healthRecords: { nodes: unknown[] } }>(
      RECORDS,
      { userId: owner.id },
      coach.token,
    );
    expect(during.errors).toBeUndefined();
    expect(during.data?.healthRecords.nodes).toHaveLength(1);

    const revoked = await request(
      "mutation($id: ID!) { revokeConsent(id: $id) { revokedAt } }",
      { id: grant.data!.grantConsent.id },
      owner.token,
    );
    expect(revoked.errors).toBeUndefined();
    const after = await request(RECORDS, { userId: owner.id }, coach.token);
    expect(after.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("tokens at the router", () => {
  it("answers UNAUTHENTICATED to a tampered token", async () => {
    const ann = await signUp();
    const [header, payload, signature] = ann.token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ["admin"] })).toString("base64url");
    const result = await request("query { me { id } }", {}, `${header}.${forged}.${signature}`);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an access token of a signed-out session at once, before it expires", async () => {
    const ann = await signUp();
    expect((await request("query { me { id } }", {}, ann.token)).errors).toBeUndefined();
    expect((await request<{ logout: boolean }>("mutation { logout }", {}, ann.token)).data?.logout).toBe(
      true,
    );
    const after = await request("query { me { id } }", {}, ann.token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.message).toContain("signed out");
  });

  it("answers UNAUTHENTICATED to an expired token", async () => {
    const ann = await signUp();
    // A genuine token of ours, re-signed is impossible without the key: sign one with a past expiry instead.
    const { SignJWT, importJWK } = await import("jose");
    const key = await platform.authDb.signingKey.findFirstOrThrow({ where: { status: "active" } });
    const expired = await new SignJWT({ roles: ["user"], sid: randomUUID() })
      .setProtectedHeader({ alg: "EdDSA", kid: key.kid })
      .setSubject(ann.id)
      .setIssuer("health-auth")
      .setAudience("health-platform")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(await importJWK(key.privateJwk as never, "EdDSA"));
    const result = await request("query { me { id } }", {}, expired);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringContaining("expired"),
    });
  });
});

describe("bad input through the router", () => {
  it.each([
    ["malformed email", { email: "ann-at-example.com", password, displayName: "Ann" }, "email"],
    [
      "weak password",
      { email: `w-${randomUUID()}@example.com`, password: "short", displayName: "Ann" },
      "password",
    ],
  ])(
    "refuses a registration with a %s, naming the field, and creates no account",
    async (_, input, field) => {
      const before = await platform.authDb.account.count();
      const result = await request(REGISTER, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(result.errors?.[0]?.message).toMatch(new RegExp(field === "email" ? "email" : "Password", "i"));
      expect(await platform.authDb.account.count()).toBe(before);
    },
  );

  it("refuses out-of-range blood pressure and an unknown metric, naming the field, and writes nothing", async () => {
    const ann = await signUp();
    const tooHigh = await recordBloodPressure(ann.token, 300, 80);
    expect(tooHigh.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.systolic",
    });
    expect(tooHigh.errors?.[0]?.message).toMatch(/systolic/i);

    const unknown = await request(RECORD, { input: { metric: "CHOLESTEROL", value: 5 } }, ann.token);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.metric" });
    expect(unknown.errors?.[0]?.message).toContain("CHOLESTEROL");

    expect(await platform.userDb.healthRecord.count({ where: { userId: ann.id } })).toBe(0);
  });
});
