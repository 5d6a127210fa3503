import { randomUUID } from "node:crypto";
import type { Person, Request } from "./graphqlClient.ts";
import type { SignToken } from "./platformSession.ts";
import { COACHES } from "./settings.ts";
import { pooled } from "./waits.ts";

/** COACHES coaches with signed tokens, profiles set through the router and levels by an admin. */
export async function setUpCoaches(request: Request, sign: SignToken) {
  console.error(
    `(a) ${COACHES} coaches: signing tokens, setCoachProfile and setCoachLevel through the router…`,
  );
  const coaches: Person[] = await Promise.all(
    Array.from({ length: COACHES }, async () => {
      const id = randomUUID();
      return { id, token: await sign(id, ["coach"]) };
    }),
  );
  // Levels are an admin's to set, never the coach's.
  const adminToken = await sign(randomUUID(), ["user", "admin"]);
  const setupStarted = performance.now();
  await pooled(coaches, 100, async (coach) => {
    const set = await request(
      "mutation($input: SetCoachProfileInput!) { setCoachProfile(input: $input) { level } }",
      { input: { specialties: ["nutrition"], regions: ["shanghai"], capacity: 50 } },
      coach.token,
    );
    if (set.errors) throw new Error(`setCoachProfile: ${JSON.stringify(set.errors)}`);
    const leveled = await request(
      "mutation($id: ID!) { setCoachLevel(coachId: $id, level: 3) { level } }",
      { id: coach.id },
      adminToken,
    );
    if (leveled.errors) throw new Error(`setCoachLevel: ${JSON.stringify(leveled.errors)}`);
  });
  return { coaches, setupSeconds: (performance.now() - setupStarted) / 1000 };
}
