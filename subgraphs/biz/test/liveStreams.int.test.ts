import { liveEndedV1, liveStartedV1 } from "@health/events/catalog";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const FIELDS = "id host { id } title description scheduledAt status startedAt endedAt createdAt";
const SCHEDULE = `mutation Schedule($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { ${FIELDS} } }`;
const START = `mutation Start($id: ID!) { startLiveStream(id: $id) { ${FIELDS} } }`;
const END = `mutation End($id: ID!) { endLiveStream(id: $id) { ${FIELDS} } }`;
const ONE = `query One($id: ID!) { liveStream(id: $id) { ${FIELDS} } }`;
const LIST = `query List($status: LiveStreamStatus, $hostId: ID, $first: Int, $after: String) {
  liveStreams(status: $status, hostId: $hostId, first: $first, after: $after) {
    nodes { id status host { id } }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface StreamData {
  id: string;
  host: { id: string };
  title: string;
  description: string | null;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
}

const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000).toISOString();

async function scheduled(token: string, title = "Morning yoga"): Promise<StreamData> {
  const result = await h.request<{ scheduleLiveStream: StreamData }>(
    SCHEDULE,
    { input: { title, description: "Gentle stretches", scheduledAt: inAnHour() } },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.scheduleLiveStream;
}

describe("scheduleLiveStream", () => {
  it("schedules a stream hosted by the calling coach", async () => {
    const coach = await h.person(["user", "coach"]);
    const stream = await scheduled(coach.token);
    expect(stream).toMatchObject({
      host: { id: coach.id },
      title: "Morning yoga",
      description: "Gentle stretches",
      status: "SCHEDULED",
      startedAt: null,
      endedAt: null,
    });
  });

  it("is for coaches only", async () => {
    const user = await h.person(["user"]);
    const result = await h.request(SCHEDULE, { input: { title: "x", scheduledAt: inAnHour() } }, user.token);
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses bad input naming the field, writing nothing", async () => {
    const coach = await h.person(["user", "coach"]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: "", scheduledAt: inAnHour() }, "input.title"],
      [{ title: "ok", description: "x".repeat(2001), scheduledAt: inAnHour() }, "input.description"],
      [{ title: "ok", scheduledAt: "2020-01-01T00:00:00Z" }, "input.scheduledAt"],
    ];
    for (const [input, field] of cases) {
      const result = await h.request(SCHEDULE, { input }, coach.token);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await h.db.liveStream.count({ where: { hostId: coach.id } })).toBe(0);
  });
});

describe("startLiveStream and endLiveStream", () => {
  it("moves the host's stream SCHEDULED → LIVE → ENDED, writing live_started and live_ended with the moves", async () => {
    const coach = await h.person(["user", "coach"]);
    const stream = await scheduled(coach.token);

    const started = await h.request<{ startLiveStream: StreamData }>(START, { id: stream.id }, coach.token);
    expect(started.errors).toBeUndefined();
    expect(started.data?.startLiveStream.status).toBe("LIVE");
    expect(started.data?.startLiveStream.startedAt).not.toBeNull();

    const outbox = await h.db.outboxEvent.findMany({ where: { aggregateId: stream.id } });
    expect(outbox.map((row) => row.subject)).toEqual([liveStartedV1.subject]);
    const envelope = outbox[0]?.envelope as { name: string; payload: unknown };
    expect(envelope.name).toBe("live_started");
    expect(liveStartedV1.payload.parse(envelope.payload)).toEqual({
      streamId: stream.id,
      hostId: coach.id,
      title: "Morning yoga",
      startedAt: started.data?.startLiveStream.startedAt,
    });
    // The relay publishes it to JetStream and marks the row sent.
    const sent = await eventually(
      () => h.db.outboxEvent.findUniqueOrThrow({ where: { id: outbox[0]!.id } }),
      (row) => row.sentAt !== null,
    );
    expect(sent.sentAt).not.toBeNull();

    const ended = await h.request<{ endLiveStream: StreamData }>(END, { id: stream.id }, coach.token);
    expect(ended.errors).toBeUndefined();
    expect(ended.data?.endLiveStream).toMatchObject({ status: "ENDED" });
    expect(ended.data?.endLiveStream.endedAt).not.toBeNull();
    const endedEvent = await h.db.outboxEvent.findFirstOrThrow({
      where: { aggregateId: stream.id, subject: liveEndedV1.subject },
    });
    expect(liveEndedV1.payload.parse((endedEvent.envelope as { payload: unknown }).payload)).toEqual({
      streamId: stream.id,
      hostId: coach.id,
      endedAt: ended.data?.endLiveStream.endedAt,
    });
  });

  it("refuses illegal moves with CONFLICT naming the current state, announcing nothing", async () => {
    const coach = await h.person(["user", "coach"]);
    const stream = await scheduled(coach.token);
    const early = await h.request(END, { id: stream.id }, coach.token);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "SCHEDULED" });

    expect((await h.request(START, { id: stream.id }, coach.token)).errors).toBeUndefined();
    const again = await h.request(START, { id: stream.id }, coach.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "LIVE" });

    expect((await h.request(END, { id: stream.id }, coach.token)).errors).toBeUndefined();
    const restart = await h.request(START, { id: stream.id }, coach.token);
    expect(restart.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "ENDED" });
    // One live_started and one live_ended: the refused moves announced nothing.
    expect(await h.db.outboxEvent.count({ where: { aggregateId: stream.id } })).toBe(2);
  });

  it("lets only the host move it; another coach is FORBIDDEN, an unknown id NOT_FOUND, a bad one BAD_USER_INPUT", async () => {
    const host = await h.person(["user", "coach"]);
    const other = await h.person(["user", "coach"]);
    const stream = await scheduled(host.token);
    const refused = await h.request(START, { id: stream.id }, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.db.liveStream.findUniqueOrThrow({ where: { id: stream.id } })).status).toBe("SCHEDULED");

    const missing = await h.request(START, { id: "00000000-0000-4000-8000-000000000000" }, host.token);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const bad = await h.request(START, { id: "nope" }, host.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("lets exactly one of two racing starts win", async () => {
    const coach = await h.person(["user", "coach"]);
    const stream = await scheduled(coach.token);
    const results = await Promise.all([
      h.request(START, { id: stream.id }, coach.token),
      h.request(START, { id: stream.id }, coach.token),
    ]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.find((result) => result.errors)?.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await h.db.outboxEvent.count({ where: { aggregateId: stream.id } })).toBe(1);
  });
});

describe("liveStream and liveStreams", () => {
  it("shows any stream to a signed-in user; pages newest first, filtered by status and host", async () => {
    const host = await h.person(["user", "coach"]);
    const viewer = await h.person(["user"]);
    const first = await scheduled(host.token, "first");
    const second = await scheduled(host.token, "second");
    const third = await scheduled(host.token, "third");
    expect((await h.request(START, { id: second.id }, host.token)).errors).toBeUndefined();

    const one = await h.request<{ liveStream: StreamData }>(ONE, { id: first.id }, viewer.token);
    expect(one.data?.liveStream).toMatchObject({ id: first.id, title: "first", host: { id: host.id } });

    type ListData = {
      liveStreams: { nodes: StreamData[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
    };
    const page1 = await h.request<ListData>(LIST, { hostId: host.id, first: 2 }, viewer.token);
    expect(page1.data?.liveStreams.nodes.map((s) => s.id)).toEqual([third.id, second.id]);
    expect(page1.data?.liveStreams.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.request<ListData>(
      LIST,
      { hostId: host.id, first: 2, after: page1.data?.liveStreams.pageInfo.endCursor },
      viewer.token,
    );
    expect(page2.data?.liveStreams.nodes.map((s) => s.id)).toEqual([first.id]);
    expect(page2.data?.liveStreams.pageInfo.hasNextPage).toBe(false);

    const live = await h.request<ListData>(LIST, { hostId: host.id, status: "LIVE" }, viewer.token);
    expect(live.data?.liveStreams.nodes.map((s) => s.id)).toEqual([second.id]);

    const bad = await h.request(LIST, { hostId: "nope" }, viewer.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "hostId" });
  });

  it("is NOT_FOUND for an unknown id, and UNAUTHENTICATED without a token", async () => {
    const viewer = await h.person(["user"]);
    const missing = await h.request(ONE, { id: "00000000-0000-4000-8000-000000000000" }, viewer.token);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const anonymous = await h.request(ONE, { id: "00000000-0000-4000-8000-000000000000" });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("LiveStream.pushUrl and playUrls", () => {
  const URLS = `query Urls($id: ID!) { liveStream(id: $id) { pushUrl playUrls { rtmp flv expiresAt } } }`;
  type UrlsData = {
    liveStream: { pushUrl: string | null; playUrls: { rtmp: string; flv: string; expiresAt: string } | null };
  };

  it("signs the push URL for the host only and play URLs for any viewer, until the stream ends", async () => {
    const host = await h.person(["user", "coach"]);
    const viewer = await h.person(["user"]);
    const stream = await scheduled(host.token);

    const asHost = await h.request<UrlsData>(URLS, { id: stream.id }, host.token);
    expect(asHost.errors).toBeUndefined();
    expect(asHost.data?.liveStream.pushUrl).toMatch(
      new RegExp(`^rtmp://127\\.0\\.0\\.1:1935/live/${stream.id}\\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$`),
    );
    const asViewer = await h.request<UrlsData>(URLS, { id: stream.id }, viewer.token);
    expect(asViewer.data?.liveStream.pushUrl).toBeNull();
    expect(asViewer.data?.liveStream.playUrls).toMatchObject({
      rtmp: expect.stringMatching(new RegExp(`^rtmp://127\\.0\\.0\\.1:1935/live/${stream.id}\\?txSecret=`)),
      flv: expect.stringMatching(
        new RegExp(`^http://127\\.0\\.0\\.1:8000/live/${stream.id}\\.flv\\?txSecret=`),
      ),
    });
    // Play and push are signed with different keys.
    const secretOf = (url: string) => new URL(url.replace(/^rtmp:/, "http:")).searchParams.get("txSecret");
    expect(secretOf(asViewer.data!.liveStream.playUrls!.rtmp)).not.toBe(
      secretOf(asHost.data!.liveStream.pushUrl!),
    );

    expect((await h.request(START, { id: stream.id }, host.token)).errors).toBeUndefined();
    expect((await h.request(END, { id: stream.id }, host.token)).errors).toBeUndefined();
    const ended = await h.request<UrlsData>(URLS, { id: stream.id }, host.token);
    expect(ended.data?.liveStream).toEqual({ pushUrl: null, playUrls: null });
  });
});
