import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12's IDOR probes on ops's audit log and analytics: only an admin reads the log, verifies the
// chain or reads the figures; a user, a coach or nobody asking, even about themselves, learns nothing.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let user: Person;
let coach: Person;
let admin: Person;

beforeAll(async () => {
  platform = await startPlatform({ ops: true, finance: false });
  request = graphqlClient(platform.url);
  [user, coach, admin] = await Promise.all([
    signUp(request, "Curious"),
    signUpCoach(platform, request, "CuriousCoach"),
    adminOf(platform, request),
  ]);
}, 60_000);
afterAll(() => platform?.close());

const PERIOD = { from: "2026-12-01T00:00:00.000Z", to: "2026-12-08T00:00:00.000Z" };
const PROBES: [string, string, (self: Person) => Record<string, unknown>][] = [
  ["auditLog of everyone", "query { auditLog { nodes { id action } } }", () => ({})],
  [
    "auditLog of their own actions",
    "query($actorId: String) { auditLog(actorId: $actorId) { nodes { id action } } }",
    (self) => ({ actorId: self.id }),
  ],
  [
    "auditLog of themselves as a subject",
    'query($id: String) { auditLog(subjectType: "User", subjectId: $id) { nodes { id } } }',
    (self) => ({ id: self.id }),
  ],
  ["verifyAuditChain", "query { verifyAuditChain { ok problems { rowId } } }", () => ({})],
  [
    "analyticsReport",
    "query($from: DateTimeISO!, $to: DateTimeISO!) { analyticsReport(from: $from, to: $to) { totals { activeUsers } } }",
    () => PERIOD,
  ],
];

describe("the audit log and analytics are admins' only", () => {
  it.each(PROBES)(
    "%s: FORBIDDEN for a user and a coach, UNAUTHENTICATED for nobody",
    async (_, query, variables) => {
      for (const who of [user, coach]) {
        const result = await request(query, variables(who), who.token);
        expect(result.data ?? null).toBeNull();
        expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
      const anonymous = await request(query, variables(user));
      expect(anonymous.data ?? null).toBeNull();
      expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    },
  );

  it.each(PROBES)("%s: answered for an admin", async (_, query, variables) => {
    const result = await request(query, variables(admin), admin.token);
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeTruthy();
  });
});
