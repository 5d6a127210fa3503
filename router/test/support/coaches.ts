import { coachLevelChangedV1 } from "@health/events/catalog";
import { eventually } from "@health/platform/testing";
import type { graphqlClient } from "./graphqlClient.ts";
import { type Person, signUp } from "./people.ts";
import { withRoles } from "./roles.ts";
import type { StartedPlatform } from "./startPlatform.ts";

type Request = ReturnType<typeof graphqlClient>;

const admins = new WeakMap<StartedPlatform, Promise<Person>>();

/** One admin per platform, made with `withRoles` (no one can become an admin through the API). */
export function adminOf(platform: StartedPlatform, request: Request): Promise<Person> {
  let admin = admins.get(platform);
  if (!admin) {
    admin = signUp(request, "Admin").then((person) => withRoles(platform, person, ["user", "admin"]));
    admins.set(platform, admin);
  }
  return admin;
}

async function expectData<T>(what: string, result: Promise<{ data?: T; errors?: unknown }>): Promise<T> {
  const { data, errors } = await result;
  if (!data) throw new Error(`${what} failed: ${JSON.stringify(errors)}`);
  return data;
}

/**
 * Makes `person` a coach the way production does, all through the router: they apply, an admin
 * approves, and their refreshed token carries COACH.
 */
export async function becomeCoach(
  platform: StartedPlatform,
  request: Request,
  person: Person,
  application: { specialties?: string[]; regions?: string[] } = {},
): Promise<Person> {
  if (!person.refreshToken) throw new Error(`${person.name} has no refresh token (sign up with signUp)`);
  const applied = await expectData(
    "applyAsCoach",
    request<{ applyAsCoach: { id: string } }>(
      "mutation($input: ApplyAsCoachInput!) { applyAsCoach(input: $input) { id } }",
      {
        input: {
          specialties: application.specialties ?? ["nutrition"],
          regions: application.regions ?? ["shanghai"],
          certificates: [
            { name: "Registered Dietitian", issuer: "CDA", number: `RD-${person.id.slice(0, 8)}` },
          ],
        },
      },
      person.token,
    ),
  );
  return approveAndRefresh(platform, request, person, applied.applyAsCoach.id);
}

/** An admin approves `person`'s application `id`; their refreshed token then carries COACH. */
export async function approveAndRefresh(
  platform: StartedPlatform,
  request: Request,
  person: Person,
  id: string,
): Promise<Person> {
  const admin = await adminOf(platform, request);
  await expectData(
    "approveCoachApplication",
    request("mutation($id: ID!) { approveCoachApplication(id: $id) { status } }", { id }, admin.token),
  );
  const refreshed = await expectData(
    "refreshToken",
    request<{ refreshToken: { accessToken: string; refreshToken: string } }>(
      "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }",
      { t: person.refreshToken },
    ),
  );
  return {
    ...person,
    token: refreshed.refreshToken.accessToken,
    refreshToken: refreshed.refreshToken.refreshToken,
  };
}

/** A new person who became a coach through an application an admin approved. */
export async function signUpCoach(
  platform: StartedPlatform,
  request: Request,
  name: string,
): Promise<Person> {
  return becomeCoach(platform, request, await signUp(request, name));
}

/**
 * Gives `coach` a level the way production does: ops publishes coach_level_changed (here onto the test
 * bus, as ops's relay would) and trade's consumer applies it; waits until the coach's profile shows it.
 * `sequence` 1 by default, ops's first change of a coach: on a platform that runs ops, ops's own first
 * change of the same coach would then be ignored, so tests with ops get levels from ops instead.
 */
export async function publishCoachLevel(
  platform: StartedPlatform,
  request: Request,
  coach: Person,
  level: number,
  sequence = 1,
) {
  const basis = { completedOrders: 0, averageRating: null, ratings: 0, verifiedCertificates: 0 };
  await platform.publishEvent(
    coachLevelChangedV1,
    { coachId: coach.id, level, previousLevel: null, sequence, basis, changedAt: new Date().toISOString() },
    coach.id,
  );
  const applied = await eventually(
    () =>
      request<{ myCoachProfile: { level: number } | null }>("{ myCoachProfile { level } }", {}, coach.token),
    (result) => result.data?.myCoachProfile?.level === level,
    10_000,
  );
  if (applied.data?.myCoachProfile?.level !== level) {
    throw new Error(`${coach.name}'s level ${level} did not reach trade: ${JSON.stringify(applied)}`);
  }
}

/** A coach who can grab: approved, with a profile (nutrition in `region`) and a level from ops (3 unless told). */
export async function signUpGrabbingCoach(
  platform: StartedPlatform,
  request: Request,
  name: string,
  profile: { region: string; capacity?: number; level?: number },
): Promise<Person> {
  const person = await signUpCoach(platform, request, name);
  await expectData(
    "setCoachProfile",
    request(
      "mutation($input: SetCoachProfileInput!) { setCoachProfile(input: $input) { level } }",
      { input: { specialties: ["nutrition"], regions: [profile.region], capacity: profile.capacity ?? 2 } },
      person.token,
    ),
  );
  const level = profile.level ?? 3;
  if (level !== 1) await publishCoachLevel(platform, request, person, level);
  return person;
}
