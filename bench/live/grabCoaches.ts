import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Person, Request } from "./graphqlClient.ts";
import type { SignToken } from "./platformSession.ts";
import { COACHES } from "./settings.ts";
import { pooled } from "./waits.ts";

/**
 * COACHES coaches with signed tokens, profiles set through the router, and level 3 written into trade's
 * database as ops's coach_level_changed would write it (sequence 1): levels come from ops, which this
 * bench does not run, and never from the coach.
 */
export async function setUpCoaches(request: Request, sign: SignToken, tradeDatabaseUrl: string) {
  console.error(
    `(a) ${COACHES} coaches: signing tokens, setCoachProfile through the router, level 3 via SQL…`,
  );
  const coaches: Person[] = await Promise.all(
    Array.from({ length: COACHES }, async () => {
      const id = randomUUID();
      return { id, token: await sign(id, ["coach"]) };
    }),
  );
  const setupStarted = performance.now();
  await pooled(coaches, 100, async (coach) => {
    const set = await request(
      "mutation($input: SetCoachProfileInput!) { setCoachProfile(input: $input) { level } }",
      { input: { specialties: ["nutrition"], regions: ["shanghai"], capacity: 50 } },
      coach.token,
    );
    if (set.errors) throw new Error(`setCoachProfile: ${JSON.stringify(set.errors)}`);
  });
  const pool = new pg.Pool({ connectionString: tradeDatabaseUrl, max: 2 });
  await pool.query(
    "UPDATE coach_profiles SET level = 3, level_sequence = 1, updated_at = now() WHERE coach_id = ANY($1::uuid[])",
    [coaches.map((coach) => coach.id)],
  );
  await pool.end();
  return { coaches, setupSeconds: (performance.now() - setupStarted) / 1000 };
}
