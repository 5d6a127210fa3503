import { randomUUID } from "node:crypto";
import { ok, readUntil, record, type Seed, until } from "./seeding.ts";

// The person among others: biz's live room and community, ops's rating and notifications.

/** biz: a chat line and a gift in the coach's live room, and a membership of the coach's community. */
export async function seedBiz(seed: Seed) {
  const { request, person, coach, admin, texts } = seed;
  const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
    request,
    "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
    { input: { title: "Evening stretch", scheduledAt: new Date(Date.now() + 60_000).toISOString() } },
    coach.token,
  );
  const streamId = scheduleLiveStream.id;
  await ok(request, "mutation($id: ID!) { startLiveStream(id: $id) { id } }", { id: streamId }, coach.token);
  const { sendChatMessage } = await ok<{ sendChatMessage: { id: string } }>(
    request,
    "mutation($id: ID!, $text: String!) { sendChatMessage(streamId: $id, text: $text) { id } }",
    { id: streamId, text: texts.chat },
    person.token,
  );
  const { createCommunity } = await ok<{ createCommunity: { id: string } }>(
    request,
    "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }",
    { input: { name: `Stretchers ${randomUUID().slice(0, 8)}`, description: "Daily check-ins." } },
    coach.token,
  );
  const { joinCommunity } = await ok<{ joinCommunity: { id: string } }>(
    request,
    "mutation($id: ID!, $key: String!) { joinCommunity(id: $id, idempotencyKey: $key) { id } }",
    { id: createCommunity.id, key: randomUUID() },
    person.token,
  );
  // A gift in the room, paid from points an admin credited (finance's ledger).
  const { adjustPoints } = await ok<{ adjustPoints: { id: string } }>(
    request,
    'mutation($id: ID!) { adjustPoints(userId: $id, amount: 100, reason: "welcome bonus") { id } }',
    { id: person.id },
    admin.token,
  );
  const { createGift } = await ok<{ createGift: { id: string } }>(
    request,
    "mutation($input: CreateGiftInput!) { createGift(input: $input) { id } }",
    { input: { name: "Rose", iconUrl: "https://cdn.example.com/rose.png", pricePoints: 30 } },
    admin.token,
  );
  const { sendGift } = await ok<{ sendGift: { id: string } }>(
    request,
    "mutation($input: SendGiftInput!) { sendGift(input: $input) { id } }",
    {
      input: {
        giftId: createGift.id,
        recipientId: coach.id,
        liveRoomId: streamId,
        idempotencyKey: randomUUID(),
      },
    },
    person.token,
  );
  Object.assign(seed.person.places, { liveRoomId: streamId, communityId: createCommunity.id });
  record(seed, "biz", "chatMessages", sendChatMessage.id);
  record(seed, "biz", "communityMemberships", joinCommunity.id);
  record(seed, "finance", "pointsEntries", adjustPoints.id);
  record(seed, "finance", "giftsSent", sendGift.id);
}

/** ops: the person rates the coach, and their inbox holds the coach's going live and a new follower. */
export async function seedOps(seed: Seed) {
  const { request, person, texts } = seed;
  type Rated = { data?: { rateCoach: { id: string } }; errors?: Array<{ extensions?: { code?: string } }> };
  // ops learns of the completed order from trade's events: until then rating it is CONFLICT or NOT_FOUND.
  const rated = await until(
    "rating the coach",
    () =>
      request<{ rateCoach: { id: string } }>(
        "mutation($id: ID!, $comment: String) { rateCoach(orderId: $id, score: 5, comment: $comment) { id } }",
        { id: seed.completedOrderId, comment: texts.ratingComment },
        person.token,
      ) as Promise<Rated>,
    (result) => Boolean(result.data?.rateCoach),
  );
  type Inbox = { notifications: { nodes: Array<{ id: string; kind: string }> } };
  const inbox = await readUntil<Inbox>(
    request,
    "LIVE_STARTED and NEW_FOLLOWER in the person's inbox",
    "{ notifications(first: 50) { nodes { id kind } } }",
    {},
    person.token,
    (page) =>
      ["LIVE_STARTED", "NEW_FOLLOWER"].every((kind) => page.notifications.nodes.some((n) => n.kind === kind)),
  );
  record(seed, "ops", "ratingsGiven", rated.data!.rateCoach.id);
  record(seed, "ops", "notifications", ...inbox.notifications.nodes.map((n) => n.id));
}
