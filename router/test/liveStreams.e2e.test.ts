import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// M07 live streams through the router (issue 11): a coach schedules, starts and ends a stream; its host
// is auth's User, resolved by the router; the push URL is the host's alone, play URLs are anyone's.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform({ biz: true });
  request = graphqlClient(platform.url);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};

const STREAM = `query($id: ID!) {
  liveStream(id: $id) { id title status host { id displayName } pushUrl playUrls { rtmp flv expiresAt } }
}`;
interface StreamData {
  liveStream: {
    id: string;
    title: string;
    status: string;
    host: { id: string; displayName: string };
    pushUrl: string | null;
    playUrls: { rtmp: string; flv: string; expiresAt: string } | null;
  };
}

describe("live streams through the router", () => {
  it("lets a coach schedule, start and end a stream that viewers see with its host", async () => {
    const coach = await signUpCoach(platform, request, "LiveCoach");
    const viewer = await signUp(request, "LiveViewer");

    const refused = await request(
      "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
      { input: { title: "Not a coach", scheduledAt: new Date(Date.now() + 3_600_000).toISOString() } },
      viewer.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
      "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
      { input: { title: "Evening mobility", scheduledAt: new Date(Date.now() + 3_600_000).toISOString() } },
      coach.token,
    );
    const id = scheduleLiveStream.id;
    await ok("mutation($id: ID!) { startLiveStream(id: $id) { status } }", { id }, coach.token);

    const seen = await ok<StreamData>(STREAM, { id }, viewer.token);
    expect(seen.liveStream).toMatchObject({
      id,
      title: "Evening mobility",
      status: "LIVE",
      host: { id: coach.id, displayName: "LiveCoach" },
      pushUrl: null,
    });
    expect(seen.liveStream.playUrls?.flv).toMatch(
      new RegExp(`/live/${id}\\.flv\\?txSecret=[0-9a-f]{32}&txTime=`),
    );
    const asHost = await ok<StreamData>(STREAM, { id }, coach.token);
    expect(asHost.liveStream.pushUrl).toMatch(
      new RegExp(`^rtmp://.+/live/${id}\\?txSecret=[0-9a-f]{32}&txTime=`),
    );

    const stolen = await request(
      "mutation($id: ID!) { endLiveStream(id: $id) { status } }",
      { id },
      viewer.token,
    );
    expect(stolen.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await ok("mutation($id: ID!) { endLiveStream(id: $id) { status } }", { id }, coach.token);
    const again = await request(
      "mutation($id: ID!) { endLiveStream(id: $id) { status } }",
      { id },
      coach.token,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "ENDED" });

    const listed = await ok<{ liveStreams: { nodes: Array<{ id: string; status: string }> } }>(
      "query($hostId: ID) { liveStreams(hostId: $hostId) { nodes { id status } } }",
      { hostId: coach.id },
      viewer.token,
    );
    expect(listed.liveStreams.nodes).toEqual([{ id, status: "ENDED" }]);

    const to = new Date(Date.now() + 60_000);
    const workbench = await ok<{ workbench: { live: { streamsStarted: number } } }>(
      "query($from: DateTimeISO!, $to: DateTimeISO!) { workbench(from: $from, to: $to) { live { streamsStarted minutesLive } } }",
      { from: new Date(to.getTime() - 24 * 3_600_000).toISOString(), to: to.toISOString() },
      coach.token,
    );
    expect(workbench.workbench.live.streamsStarted).toBe(1);
  });
});
