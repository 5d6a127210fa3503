import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// IDOR probes on ops's risk alerts and holds: only an admin reads or moves an alert, holds or releases
// an account. A user, a coach and an anonymous caller are refused, whoever the alert or hold is about,
// and nothing changes.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let admin: Person;
let user: Person;
let coach: Person;
let alertId: string;
let holdId: string;

beforeAll(async () => {
  platform = await startPlatform({ ops: true });
  request = graphqlClient(platform.url);
  admin = await adminOf(platform, request);
  user = await signUp(request, "Probe");
  coach = await signUpCoach(platform, request, "ProbeCoach");
  // An alert about the probing user themself, and a hold on them, placed by an admin.
  const db = platform.opsDeps!.db;
  alertId = randomUUID();
  await db.riskAlert.create({
    data: {
      id: alertId,
      rule: "VELOCITY",
      subjectKey: user.id,
      userId: user.id,
      severity: "HIGH",
      summary: "probe",
      openKey: `VELOCITY:${user.id}`,
      firstSeenAt: new Date(),
      lastSeenAt: new Date(),
    },
  });
  const held = await request<{ holdAccount: { id: string } }>(
    'mutation($u: ID!) { holdAccount(userId: $u, reason: "probe") { id } }',
    { u: user.id },
    admin.token,
  );
  if (!held.data) throw new Error(JSON.stringify(held.errors));
  holdId = held.data.holdAccount.id;
}, 120_000);
afterAll(() => platform?.close());

const PROBES: Array<[string, string, () => Record<string, unknown>]> = [
  ["riskAlerts", "{ riskAlerts { nodes { id } } }", () => ({})],
  ["riskAlert", "query($id: ID!) { riskAlert(id: $id) { id } }", () => ({ id: alertId })],
  [
    "acknowledgeRiskAlert",
    "mutation($id: ID!) { acknowledgeRiskAlert(id: $id) { id } }",
    () => ({ id: alertId }),
  ],
  [
    "resolveRiskAlert",
    'mutation($id: ID!) { resolveRiskAlert(id: $id, resolution: "mine") { id } }',
    () => ({ id: alertId }),
  ],
  ["accountHolds", "query($u: ID!) { accountHolds(userId: $u) { id } }", () => ({ u: user.id })],
  [
    "holdAccount",
    'mutation($u: ID!) { holdAccount(userId: $u, reason: "x") { id } }',
    () => ({ u: coach.id }),
  ],
  [
    "releaseAccountHold (own hold, by id)",
    "mutation($h: ID) { releaseAccountHold(holdId: $h) { id } }",
    () => ({ h: holdId }),
  ],
  [
    "releaseAccountHold (own account)",
    "mutation($u: ID) { releaseAccountHold(userId: $u) { id } }",
    () => ({ u: user.id }),
  ],
];

describe("risk alerts and holds are admins' only", () => {
  for (const [name, query, variables] of PROBES) {
    it(`${name}: FORBIDDEN for a user and a coach, UNAUTHENTICATED or FORBIDDEN anonymously`, async () => {
      for (const caller of [user, coach]) {
        const { data, errors } = await request(query, variables(), caller.token);
        expect(errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(data ?? null).toBeNull();
      }
      const anonymous = await request(query, variables());
      expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(anonymous.errors?.[0]?.extensions?.code);
    });
  }

  it("nothing the probes tried changed: the alert is OPEN, the hold in force, the coach not held", async () => {
    const db = platform.opsDeps!.db;
    expect((await db.riskAlert.findUniqueOrThrow({ where: { id: alertId } })).status).toBe("OPEN");
    expect((await db.riskHold.findUniqueOrThrow({ where: { id: holdId } })).releasedAt).toBeNull();
    expect(await db.riskHold.count({ where: { userId: coach.id } })).toBe(0);
  });
});
