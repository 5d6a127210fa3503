import { becomeCoach } from "../coaches.ts";
import { DAY, ok, readUntil, record, type Seed } from "./seeding.ts";

// The person's health side: user's records and grants, dynamic's follows and feed, ai's insights,
// risk score and a generation task.

/** user: an assessment (the health profile), a record, a goal, a device, a grant the coach reads under. */
export async function seedUser(seed: Seed) {
  const { request, person, coach, texts } = seed;
  const call = <T>(query: string, input: Record<string, unknown>) =>
    ok<T>(request, query, { input }, person.token);
  const assessment = await call<{ runAssessment: { id: string } }>(
    "mutation($input: RunAssessmentInput!) { runAssessment(input: $input) { id } }",
    { heightCm: 172, age: 38, smoker: false, weightKg: 71.5 },
  );
  const health = await call<{ recordHealthData: { record: { id: string } } }>(
    "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }",
    { metric: "WEIGHT", value: 71.5, source: texts.deviceExternalId },
  );
  const goal = await call<{ setHealthGoal: { id: string } }>(
    "mutation($input: SetHealthGoalInput!) { setHealthGoal(input: $input) { id } }",
    { metric: "WEIGHT", target: 68, direction: "AT_MOST", deadline: new Date(Date.now() + 60 * DAY) },
  );
  const device = await call<{ bindDevice: { id: string } }>(
    "mutation($input: BindDeviceInput!) { bindDevice(input: $input) { id } }",
    { deviceType: "SCALE", externalId: texts.deviceExternalId, name: "Bathroom scale" },
  );
  const grant = await call<{ grantConsent: { id: string } }>(
    "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }",
    { coachId: coach.id, metrics: ["WEIGHT"], expiresAt: new Date(Date.now() + 30 * DAY) },
  );
  // The coach reads the person's records under that grant: the read lands in their access log.
  await ok(
    request,
    "query($id: ID!) { healthRecords(userId: $id) { nodes { id } } }",
    { id: person.id },
    coach.token,
  );
  const { healthDataAccessLog } = await ok<{ healthDataAccessLog: Array<{ id: string; actorId: string }> }>(
    request,
    "query($id: ID!) { healthDataAccessLog(userId: $id) { id actorId } }",
    { id: person.id },
    person.token,
  );
  record(seed, "user", "assessments", assessment.runAssessment.id);
  record(seed, "user", "healthRecords", health.recordHealthData.record.id);
  record(seed, "user", "healthGoals", goal.setHealthGoal.id);
  record(seed, "user", "deviceBindings", device.bindDevice.id);
  record(seed, "user", "consentGrants", grant.grantConsent.id);
  const coachReads = healthDataAccessLog.filter((row) => row.actorId === coach.id).map((row) => row.id);
  if (coachReads.length === 0) throw new Error("seedPerson: the coach's read is not in the access log");
  record(seed, "user", "accessLog", ...coachReads);
}

/** dynamic: follows the coach, is followed, shares a health action that reaches the follower's feed. */
export async function seedDynamic(seed: Seed) {
  const { request, person, coach, follower, texts } = seed;
  const follow = "mutation($id: ID!) { follow(userId: $id) { id } }";
  await ok(request, follow, { id: coach.id }, person.token);
  await ok(request, follow, { id: person.id }, follower.token);
  await ok(
    request,
    "mutation { setFeedPreferences(input: { sharedHealthActivities: [HEALTH_ACTION_RECORDED] }) { version } }",
    {},
    person.token,
  );
  const { recordHealthAction } = await ok<{ recordHealthAction: { id: string } }>(
    request,
    "mutation($input: RecordHealthActionInput!) { recordHealthAction(input: $input) { id } }",
    { input: { type: "WORKOUT", durationMinutes: 30, note: texts.healthNote } },
    person.token,
  );
  type Feed = { feed: { nodes: Array<{ id: string; actor: { id: string } }> } };
  const feed = await readUntil<Feed>(
    request,
    "the health action in the follower's feed",
    "{ feed(first: 20) { nodes { id actor { id } } } }",
    {},
    follower.token,
    (page) => page.feed.nodes.some((item) => item.actor.id === person.id),
  );
  record(seed, "user", "healthActions", recordHealthAction.id);
  record(seed, "dynamic", "following", coach.id);
  record(seed, "dynamic", "followers", follower.id);
  record(seed, "dynamic", "feedPreferences", person.id);
  record(
    seed,
    "dynamic",
    "activities",
    ...feed.feed.nodes.filter((item) => item.actor.id === person.id).map((item) => item.id),
  );
}

/**
 * ai: an AI consent (user holds it) and the insights it allows; the risk score ai keeps from the person's
 * payments; then the person becomes a coach too (an application in auth) and asks for a post draft.
 */
export async function seedAi(seed: Seed) {
  const { platform, request, admin, texts } = seed;
  const { grantAiConsent } = await ok<{ grantAiConsent: { id: string } }>(
    request,
    "mutation($input: GrantAiConsentInput!) { grantAiConsent(input: $input) { id } }",
    { input: { metrics: ["WEIGHT"], expiresAt: new Date(Date.now() + 30 * DAY) } },
    seed.person.token,
  );
  await ok(request, "{ me { healthInsights(metric: WEIGHT) { metric } } }", {}, seed.person.token);
  await readUntil<{ riskScore: { score: number } | null }>(
    request,
    "ai's risk score of the person",
    "query($id: ID!) { riskScore(userId: $id) { score } }",
    { id: seed.person.id },
    admin.token,
    (answer) => answer.riskScore !== null,
  );
  const coached = await becomeCoach(platform, request, seed.person);
  Object.assign(seed.person, { token: coached.token, refreshToken: coached.refreshToken });
  const { myCoachApplication } = await ok<{ myCoachApplication: { id: string } }>(
    request,
    "{ myCoachApplication { id } }",
    {},
    seed.person.token,
  );
  const { startGenerationTask } = await ok<{ startGenerationTask: { id: string } }>(
    request,
    "mutation($input: StartGenerationTaskInput!) { startGenerationTask(input: $input) { id } }",
    { input: { kind: "POST_DRAFT", topic: texts.generationTopic, tone: "warm" } },
    seed.person.token,
  );
  await readUntil<{ generationTask: { status: string } }>(
    request,
    "the generation task's end",
    "query($id: ID!) { generationTask(id: $id) { status } }",
    { id: startGenerationTask.id },
    seed.person.token,
    (answer) => answer.generationTask.status === "SUCCEEDED",
  );
  record(seed, "user", "aiConsentGrants", grantAiConsent.id);
  record(seed, "auth", "coachApplications", myCoachApplication.id);
  record(seed, "ai", "riskScores", seed.person.id);
  record(seed, "ai", "generationTasks", startGenerationTask.id);
}
