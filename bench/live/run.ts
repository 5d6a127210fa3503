// npm run bench:live: the live paths through the router, each against a baseline measured in the same
// run. Prints markdown tables; asserts nothing.
//
// (a) Grab race: 1,000 coaches fire grabOrder through the router at rounds of 200 open orders.
//     Coaches are created by signing access tokens with the auth subgraph's active key (no argon2
//     register per coach) and setting their coach profiles with `setCoachProfile` through the router (and
//     their level with `setCoachLevel` under a signed admin token: coaches never choose it).
//     Baseline: the same conditional UPDATE + outbox INSERT in one transaction over 20 raw pg
//     connections, same 1,000 concurrent "coaches", same rounds, on the same trade database.
// (b) Subscription fan-out: N graphql-ws clients (one coach token each) subscribe to `orderAvailable`
//     through the router; a burst of orders is created through the router; event-to-delivery latency
//     is `arrival at the client − order.createdAt` (stamped by the trade subgraph). The router runs in
//     its own child process (routerChild.ts), the four subgraphs in another (platformChild.ts), so the
//     memory reported is the router's alone. Baseline: a bare graphql-ws server in its own child. Both
//     run compiled by plain Node (scripts/bundle.mjs), as `npm start` runs the router.
//     The fan-out coaches' profiles are inserted straight into the trade database (SQL), not through
//     the router.
import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import {
  createRouterSigner,
  parseRouterPrivateKey,
  ROUTER_SIGNATURE_HEADER,
  type RouterSigner,
} from "@health/platform/auth";
import { importJWK, SignJWT } from "jose";
import pg from "pg";
import { bundleEntry } from "../../scripts/bundle.mjs";
import type { BareReport, BareRequest } from "./bareServer.ts";
import { type ArrivalStep, grabArrivals, RACERS } from "./grabArrivals.ts";
import { type LightSubscription, subscribeLight } from "./lightSubscriber.ts";
import type { PlatformMemory, PlatformReport, PlatformRequest } from "./platformChild.ts";
import type { RouterReport, RouterRequest } from "./routerChild.ts";

const COACHES = Number(process.env.BENCH_COACHES ?? 1_000);
const ORDERS_PER_ROUND = Number(process.env.BENCH_ORDERS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ATTEMPTS_PER_COACH_PER_ROUND = 10;
/** Open-loop steps of (a): grab attempts offered per second, each held for ARRIVAL_SECONDS. */
const ARRIVAL_RATES = (process.env.BENCH_ARRIVAL_RATES ?? "250,500,1000,1500").split(",").map(Number);
const ARRIVAL_SECONDS = Number(process.env.BENCH_ARRIVAL_SECONDS ?? 4);
const RAW_CONNECTIONS = 20;
const FANOUT_ROUTER = (process.env.BENCH_FANOUT_ROUTER ?? "1000,5000,10000").split(",").map(Number);
const FANOUT_BARE = (process.env.BENCH_FANOUT_BARE ?? "1000,5000,10000").split(",").map(Number);
const BURST_EVENTS = Number(process.env.BENCH_BURST ?? 5);
const SINGLE_EVENTS = Number(process.env.BENCH_SINGLE ?? 5);
/** Where the router and subgraphs children write V8 CPU profiles (`--cpu-prof`) on exit; unset: none. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const PROFILE_ARGS = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
/** Which parts run: `grab` (a), `fanout` (b); default both. */
const PARTS = new Set((process.env.BENCH_PARTS ?? "grab,fanout").split(","));
const DELIVERY_TIMEOUT_MS = 60_000;
const REPO_ROOT = join(import.meta.dirname, "../..");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "–";
const mib = (bytes: number) => fmt(bytes / 1024 / 1024, 0);
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Runs `work` over `items` with at most `limit` in flight. */
async function pooled<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(50);
  }
  return check();
}

// ---------------------------------------------------------------------------------------------------
// Child processes (platform, bare server) with a tiny request/response protocol over IPC.

interface Child<Req, Rep> {
  process: ChildProcess;
  ready: Promise<Rep>;
  call(request: Req extends unknown ? Omit<Req, "id"> : never): Promise<Rep>;
}

/**
 * Forks `file` (beside this one). `compiled`: bundled first the way `npm start` ships the router
 * (scripts/bundle.mjs) and run by plain Node, as the servers whose memory is compared both are;
 * otherwise run from source through tsx.
 */
async function startChild<Req extends { id: number }, Rep extends { type: string }>(
  file: string,
  { compiled = false, execArgv = [] as string[] } = {},
): Promise<Child<Req, Rep>> {
  const entry = compiled
    ? await bundleEntry({
        entry: join("bench/live", file),
        outfile: join(import.meta.dirname, "dist", file.replace(/\.ts$/, ".mjs")),
      })
    : join(import.meta.dirname, file);
  const child = fork(entry, [], {
    cwd: REPO_ROOT,
    execArgv: [
      ...(compiled ? [] : ["--import", "tsx"]),
      "--expose-gc",
      "--max-old-space-size=8192",
      ...execArgv,
    ],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
  });
  const waiting = new Map<number, (report: Rep) => void>();
  let nextId = 1;
  const ready = new Promise<Rep>((resolve, reject) => {
    child.on("message", (message: Rep & { id?: number }) => {
      if (message.type === "ready") resolve(message);
      else if (message.id !== undefined) {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      }
    });
    child.on("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return {
    process: child,
    ready,
    call: (request) =>
      new Promise<Rep>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        child.send({ ...request, id });
      }),
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP GraphQL through the router.

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs to `url`; `signer` signs as the router does, for calls straight to a subgraph. */
function graphql(url: string, signer?: RouterSigner) {
  const path = new URL(url).pathname;
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>> => {
    const body = JSON.stringify({ query, variables });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (signer)
      headers[ROUTER_SIGNATURE_HEADER] = signer.sign({
        method: "POST",
        path,
        body,
        authorization: headers.authorization,
      });
    const response = await fetch(url, { method: "POST", headers, body });
    return (await response.json()) as GraphQLResponse<T>;
  };
}

type Request = ReturnType<typeof graphql>;

interface Person {
  id: string;
  token: string;
}

async function tokenSigner(signingKey: { kid: string; privateJwk: Record<string, unknown> }) {
  const key = await importJWK(signingKey.privateJwk, "EdDSA");
  return async (sub: string, roles: string[]): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles, sid: randomUUID() })
      .setProtectedHeader({ alg: "EdDSA", kid: signingKey.kid, typ: "at+jwt" })
      .setSubject(sub)
      .setIssuer("health-auth")
      .setAudience("health-platform")
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key);
  };
}

const CREATE_ORDER =
  "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }";
const orderInput = (region: string) => ({
  serviceType: "consultation",
  specialty: "nutrition",
  region,
  priceAmount: 19_900,
  minCoachLevel: 2,
  description: "Help me plan meals for a marathon block.",
});

async function createOrder(request: Request, customer: Person, region: string): Promise<string> {
  const result = await request<{ createServiceOrder: { id: string } }>(
    CREATE_ORDER,
    { input: orderInput(region) },
    customer.token,
  );
  if (result.errors) throw new Error(`createServiceOrder: ${JSON.stringify(result.errors)}`);
  return result.data!.createServiceOrder.id;
}

// ---------------------------------------------------------------------------------------------------
// (a) the grab race.

interface GrabRun {
  attempts: number;
  won: number;
  lost: number;
  other: number;
  otherSample: string | null;
  seconds: number;
  latencies: number[];
}

/**
 * ROUNDS rounds: ORDERS_PER_ROUND fresh open orders, then every coach at once loops "grab a random
 * order still believed open" until none is (a win or a CONFLICT removes it for everyone) or it used
 * its attempt budget. Only the grab phase is timed.
 */
async function grabRounds(
  coaches: readonly string[],
  openOrders: (round: number) => Promise<string[]>,
  grab: (coach: string, orderId: string) => Promise<"won" | "lost" | string>,
  rounds = ROUNDS,
): Promise<GrabRun> {
  const run: GrabRun = {
    attempts: 0,
    won: 0,
    lost: 0,
    other: 0,
    otherSample: null,
    seconds: 0,
    latencies: [],
  };
  for (let round = 0; round < rounds; round++) {
    const open = await openOrders(round);
    const started = performance.now();
    await Promise.all(
      coaches.map(async (coach) => {
        for (let i = 0; i < ATTEMPTS_PER_COACH_PER_ROUND && open.length > 0; i++) {
          const orderId = open[Math.floor(Math.random() * open.length)]!;
          const t0 = performance.now();
          const outcome = await grab(coach, orderId);
          run.latencies.push(performance.now() - t0);
          run.attempts++;
          if (outcome === "won" || outcome === "lost") {
            if (outcome === "won") run.won++;
            else run.lost++;
            const at = open.indexOf(orderId);
            if (at >= 0) open.splice(at, 1);
          } else {
            run.other++;
            run.otherSample ??= outcome;
          }
        }
      }),
    );
    run.seconds += (performance.now() - started) / 1000;
  }
  return run;
}

/** CPU time (µs) each server process has used so far. */
interface CpuSample {
  router: number;
  subgraphs: number;
}
const cpuSince = (before: CpuSample, after: CpuSample): CpuSample => ({
  router: after.router - before.router,
  subgraphs: after.subgraphs - before.subgraphs,
});

async function benchGrab(
  request: Request,
  sign: (sub: string, roles: string[]) => Promise<string>,
  customer: Person,
  tradeDatabaseUrl: string,
  tradeRequest: Request,
  cpuMicros: () => Promise<CpuSample>,
) {
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
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  const byId = new Map(coaches.map((c) => [c.id, c]));

  console.error(
    `(a) ${ROUNDS} rounds × ${ORDERS_PER_ROUND} orders (+1 warm-up round), grabs through the router…`,
  );
  const routerOrders = (count: number) => async () => {
    const ids: string[] = [];
    await pooled(Array.from({ length: count }), 20, async () => {
      ids.push(await createOrder(request, customer, "shanghai"));
    });
    return ids;
  };
  const grabVia = (send: Request) => async (coachId: string, orderId: string) => {
    try {
      const result = await send(
        "mutation($id: ID!) { grabOrder(orderId: $id) { id status } }",
        { id: orderId },
        byId.get(coachId)!.token,
      );
      if (!result.errors) return "won";
      const code = result.errors[0]?.extensions?.code;
      return code === "CONFLICT" ? "lost" : `${code}: ${result.errors[0]?.message}`;
    } catch (error) {
      return `transport: ${(error as Error).message}`;
    }
  };
  const routerGrab = grabVia(request);
  const warmRouter = await grabRounds(
    coaches.map((c) => c.id),
    routerOrders(ORDERS_PER_ROUND),
    routerGrab,
    1,
  );
  const cpu0 = await cpuMicros();
  const router = await grabRounds(
    coaches.map((c) => c.id),
    routerOrders(ORDERS_PER_ROUND),
    routerGrab,
  );
  const routerCpuMicros = cpuSince(cpu0, await cpuMicros());

  const pool = new pg.Pool({ connectionString: tradeDatabaseUrl, max: RAW_CONNECTIONS });
  const check = await pool.query<{ assigned: string; grabs: string; events: string }>(
    `SELECT (SELECT count(*) FROM service_orders WHERE region = 'shanghai' AND status = 'ASSIGNED') AS assigned,
            (SELECT count(*) FROM grab_requests) AS grabs,
            (SELECT count(*) FROM outbox_events WHERE subject = 'trade.order_assigned.v1') AS events`,
  );

  const arrivals: ArrivalStep[] = [];
  for (const offered of ARRIVAL_RATES) {
    console.error(`(a) open loop through the router: ${offered} attempts/s for ${ARRIVAL_SECONDS} s…`);
    const orders = await routerOrders(Math.ceil((offered / RACERS) * ARRIVAL_SECONDS))();
    arrivals.push(
      await grabArrivals(
        coaches.map((c) => c.id),
        orders,
        offered,
        routerGrab,
      ),
    );
  }

  console.error("(a) same rounds straight at the trade subgraph (no router)…");
  const cpu1 = await cpuMicros();
  const direct = await grabRounds(
    coaches.map((c) => c.id),
    routerOrders(ORDERS_PER_ROUND),
    grabVia(tradeRequest),
  );
  const directCpuMicros = cpuSince(cpu1, await cpuMicros());

  console.error("(a) raw baseline: conditional UPDATE + outbox INSERT over 20 pg connections…");
  // Open all 20 connections before timing.
  const held = await Promise.all(Array.from({ length: RAW_CONNECTIONS }, () => pool.connect()));
  for (const client of held) client.release();
  const rawOrders = async () => {
    const ids = Array.from({ length: ORDERS_PER_ROUND }, () => randomUUID());
    await pool.query(
      `INSERT INTO service_orders (id, customer_id, status, service_type, specialty, region, price_amount,
           currency, min_coach_level, duration_minutes, description, updated_at)
         SELECT unnest($1::uuid[]), $2::uuid, 'OPEN', 'consultation', 'nutrition', 'raw-bench', 19900, 'CNY', 2,
                60, 'raw baseline order', now()`,
      [ids, customer.id],
    );
    return ids;
  };
  const rawGrab = async (coachId: string, orderId: string) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const updated = await client.query(
        `UPDATE service_orders SET status = 'ASSIGNED', coach_id = $2::uuid, assigned_at = now(), updated_at = now()
            WHERE id = $1::uuid AND status = 'OPEN' AND (grab_deadline IS NULL OR grab_deadline > now())`,
        [orderId, coachId],
      );
      if (updated.rowCount === 1) {
        // sent_at set: the trade subgraph's outbox relay leaves these rows alone.
        await client.query(
          `INSERT INTO outbox_events (id, subject, aggregate_id, envelope, sent_at)
             VALUES ($1::uuid, 'bench.raw_assigned.v1', $2, $3::jsonb, now())`,
          [randomUUID(), orderId, JSON.stringify({ orderId, coachId, assignedAt: new Date().toISOString() })],
        );
      }
      await client.query("COMMIT");
      return updated.rowCount === 1 ? "won" : "lost";
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      return `pg: ${(error as Error).message}`;
    } finally {
      client.release();
    }
  };
  await grabRounds(
    coaches.map((c) => c.id),
    rawOrders,
    rawGrab,
    1,
  );
  const raw = await grabRounds(
    coaches.map((c) => c.id),
    rawOrders,
    rawGrab,
  );
  await pool.end();
  return {
    router,
    warmRouter,
    arrivals,
    direct,
    routerCpuMicros,
    directCpuMicros,
    raw,
    setupSeconds,
    check: {
      assigned: Number(check.rows[0]!.assigned),
      grabs: Number(check.rows[0]!.grabs),
      events: Number(check.rows[0]!.events),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// (b) subscription fan-out.

const SUBSCRIPTION = "subscription { orderAvailable { id order { id createdAt } } }";

interface Subscriber {
  subscription: LightSubscription;
  arrivals: Array<{ id: string; latency: number }>;
  errors: unknown[];
}

/** Connects `tokens.length` graphql-ws subscribers (one per token, `null`: no token). */
async function connectSubscribers(
  url: string,
  tokens: Array<string | null>,
): Promise<{
  subscribers: Subscriber[];
  failedConnects: number;
  seconds: number;
}> {
  const subscribers: Subscriber[] = [];
  let failedConnects = 0;
  const started = performance.now();
  await pooled(tokens, 200, async (token) => {
    const arrivals: Subscriber["arrivals"] = [];
    const errors: unknown[] = [];
    const subscription = subscribeLight(
      url,
      token,
      SUBSCRIPTION,
      (value, at) => {
        const event = (value.data as { orderAvailable?: { id: string; order: { createdAt: string } } })
          ?.orderAvailable;
        if (event) arrivals.push({ id: event.id, latency: at - Date.parse(event.order.createdAt) });
        else errors.push(value.errors);
      },
      (error) => errors.push(error),
    );
    const subscriber: Subscriber = { subscription, arrivals, errors };
    if (await subscription.connected) subscribers.push(subscriber);
    else failedConnects++;
  });
  return { subscribers, failedConnects, seconds: (performance.now() - started) / 1000 };
}

interface FanoutResult {
  n: number;
  /** SINGLE_EVENTS events created one after another, each delivered everywhere before the next. */
  single: { expected: number; delivered: number; p50: number; p99: number; max: number };
  connected: number;
  failedConnects: number;
  connectSeconds: number;
  warmedUp: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  burstSeconds: number;
  idle: { rss: number; heapUsed: number; upstream: number | null };
  /** After every client disconnected (server sockets gone + 2 s), forced GC. */
  after: { rss: number; heapUsed: number; maxRss: number };
  loaded: { rss: number; heapUsed: number };
  upstreamSockets: number | null;
  errors: number;
}

/** Warm-up event (all must see it), memory, then a burst of BURST_EVENTS; latency of every delivery. */
async function fanout(
  n: number,
  url: string,
  tokens: Array<string | null>,
  emit: (count: number) => Promise<void>,
  memory: () => Promise<{
    rss: number;
    maxRss: number;
    heapUsed: number;
    upstream: number | null;
    sockets: number;
  }>,
): Promise<FanoutResult> {
  const idle = await memory();
  const { subscribers, failedConnects, seconds } = await connectSubscribers(url, tokens);
  // Subscriptions are live once the server side holds every socket (router: and each upstream too).
  await waitUntil(async () => {
    const m = await memory();
    return m.sockets >= subscribers.length;
  }, 60_000);
  await sleep(1_000);
  await emit(1);
  await waitUntil(() => subscribers.every((s) => s.arrivals.length >= 1), 60_000);
  const warmedUp = subscribers.filter((s) => s.arrivals.length >= 1).length;
  const loaded = await memory();
  for (const s of subscribers) s.arrivals.length = 0;

  // One event at a time: each is delivered everywhere (or times out) before the next is created.
  for (let i = 1; i <= SINGLE_EVENTS; i++) {
    await emit(1);
    await waitUntil(() => subscribers.every((s) => s.arrivals.length >= i), DELIVERY_TIMEOUT_MS);
    await sleep(300);
  }
  const single = sortNum(subscribers.flatMap((s) => s.arrivals.map((a) => a.latency)));
  for (const s of subscribers) s.arrivals.length = 0;

  const started = Date.now();
  await emit(BURST_EVENTS);
  await waitUntil(() => subscribers.every((s) => s.arrivals.length >= BURST_EVENTS), DELIVERY_TIMEOUT_MS);
  const latencies = sortNum(subscribers.flatMap((s) => s.arrivals.map((a) => a.latency)));
  const burstSeconds = (Date.now() - started) / 1000;
  const errors = subscribers.reduce((sum, s) => sum + s.errors.length, 0);
  await Promise.all(subscribers.map((s) => s.subscription.close()));
  await waitUntil(async () => (await memory()).sockets <= 10, 60_000);
  await sleep(2_000);
  const after = await memory();
  return {
    after,
    n,
    connected: subscribers.length,
    failedConnects,
    connectSeconds: seconds,
    warmedUp,
    expected: subscribers.length * BURST_EVENTS,
    delivered: latencies.length,
    single: {
      expected: subscribers.length * SINGLE_EVENTS,
      delivered: single.length,
      p50: percentile(single, 50),
      p99: percentile(single, 99),
      max: single.at(-1) ?? Number.NaN,
    },
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    burstSeconds,
    idle,
    loaded,
    upstreamSockets: loaded.upstream,
    errors,
  };
}

/** The bare graphql-ws baseline; `frames`: the same server writing each event as one prebuilt frame. */
async function benchBare(n: number, frames = false): Promise<FanoutResult> {
  const bare = await startChild<BareRequest, BareReport>("bareServer.ts", { compiled: true });
  const ready = (await bare.ready) as Extract<BareReport, { type: "ready" }>;
  try {
    return await fanout(
      n,
      ready.url,
      Array.from({ length: n }, () => null),
      async (count) => {
        await bare.call({ type: "burst", events: count, frames });
      },
      async () => {
        const m = (await bare.call({ type: "memory" })) as Extract<BareReport, { type: "memory" }>;
        return {
          rss: m.memory.rss,
          maxRss: m.memory.maxRss,
          heapUsed: m.memory.heapUsed,
          upstream: null,
          sockets: m.memory.sockets,
        };
      },
    );
  } finally {
    bare.process.kill();
  }
}

// ---------------------------------------------------------------------------------------------------

interface PlatformSession {
  url: string;
  request: Request;
  sign: (sub: string, roles: string[]) => Promise<string>;
  tradeDatabaseUrl: string;
  tradeUrl: string;
  /** Signs as the router does (the trade subgraph answers nothing else). */
  routerSigner: RouterSigner;
  customer: Person;
  /** The subgraphs' process. */
  memory(): Promise<PlatformMemory>;
  /** The router's process; `sockets`: established connections into the router. */
  routerMemory(): Promise<Extract<RouterReport, { type: "memory" }>["memory"]>;
}

/**
 * A fresh subgraphs child (fresh databases) and a router child in front of it, one registered customer;
 * both closed (databases dropped) after.
 */
async function withPlatform<T>(work: (session: PlatformSession) => Promise<T>): Promise<T> {
  const started = performance.now();
  const platform = await startChild<PlatformRequest, PlatformReport>("platformChild.ts", {
    execArgv: PROFILE_ARGS,
  });
  const routerChild = await startChild<RouterRequest, RouterReport>("routerChild.ts", {
    compiled: true,
    execArgv: [...PROFILE_ARGS, ...(process.env.BENCH_ROUTER_ARGS?.split(" ") ?? [])],
  });
  try {
    const ready = (await platform.ready) as Extract<PlatformReport, { type: "ready" }>;
    await routerChild.ready;
    const router = (await routerChild.call({
      type: "start",
      supergraphSdl: ready.supergraphSdl,
      jwksUrl: ready.jwksUrl,
      authUrl: ready.authUrl,
      redisKeyPrefix: ready.redisKeyPrefix,
      routerSigningKey: ready.routerSigningKey,
    })) as Extract<RouterReport, { type: "started" }>;
    console.error(`subgraphs and router up in ${fmt((performance.now() - started) / 1000, 1)} s`);
    const request = graphql(router.url);
    const registered = await request<{ register: { accessToken: string; user: { id: string } } }>(
      "mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }",
      {
        input: {
          email: `bench-customer-${randomUUID()}@example.com`,
          password: "correct-horse-42",
          displayName: "Bench Customer",
        },
      },
    );
    if (registered.errors) throw new Error(`register: ${JSON.stringify(registered.errors)}`);
    return await work({
      url: router.url,
      request,
      sign: await tokenSigner(ready.signingKey),
      tradeDatabaseUrl: `postgresql://postgres@127.0.0.1:5432/${ready.tradeDatabase}`,
      tradeUrl: ready.tradeUrl,
      routerSigner: createRouterSigner(parseRouterPrivateKey(ready.routerSigningKey)),
      customer: { id: registered.data!.register.user.id, token: registered.data!.register.accessToken },
      memory: async () =>
        ((await platform.call({ type: "memory" })) as Extract<PlatformReport, { type: "memory" }>).memory,
      routerMemory: async () =>
        ((await routerChild.call({ type: "memory" })) as Extract<RouterReport, { type: "memory" }>).memory,
    });
  } finally {
    console.error("closing the router and the subgraphs (drops their databases)…");
    if (routerChild.process.connected) {
      await Promise.race([routerChild.call({ type: "close" }), sleep(30_000)]);
      // Let it exit by itself, so a --cpu-prof profile gets written.
      await Promise.race([once(routerChild.process, "exit"), sleep(10_000)]);
    }
    routerChild.process.kill();
    if (platform.process.connected) {
      await Promise.race([platform.call({ type: "close" }), sleep(30_000)]);
      await Promise.race([once(platform.process, "exit"), sleep(10_000)]);
    }
    platform.process.kill();
  }
}

const elapsed = (since: number) => `${fmt((Date.now() - since) / 1000, 0)} s`;

/** (a)'s open-loop steps: what the router sustains, and the latency a coach sees at each offered rate. */
function arrivalsTable(steps: ArrivalStep[]): string {
  const rows = steps.map((step) => {
    const p99 = percentile(step.latencies, 99);
    const sustained = step.achievedPerSecond >= 0.95 * step.offeredPerSecond;
    return `| ${fmt(step.offeredPerSecond)} | ${fmt(step.achievedPerSecond)}${sustained ? "" : " (backlog)"} | ${fmt(step.attempts)} | ${fmt(step.won)} / ${fmt(step.lost)} / ${fmt(step.other)} | ${fmt(percentile(step.latencies, 50), 1)} / ${fmt(p99, 1)} / ${fmt(step.latencies.at(-1) ?? Number.NaN, 1)} ms | ${p99 < 200 ? "✔" : "✘"} |`;
  });
  return `### (a) open loop: orders appear at a fixed rate, each raced by ${RACERS} coaches at once

For ${ARRIVAL_SECONDS} s per step, orders (created beforehand through the router) are released at (offered ÷ ${RACERS}) per second, and at each release ${RACERS} random coaches of the ${fmt(COACHES)} grab it at once through the router, whatever is still in flight. Latency runs from the release, so a backlog shows in it. "Answered/s" is attempts over the time from the first release to the last answer.

| offered attempts/s | answered/s | attempts | won / lost (CONFLICT) / other | p50 / p99 / max from release | p99 < 200 ms |
| --- | --- | --- | --- | --- | --- |
${rows.join("\n")}${steps
  .filter((step) => step.otherSample)
  .map(
    (step) =>
      `\n\nFirst "other" outcome at ${fmt(step.offeredPerSecond)}/s: \`${step.otherSample!.slice(0, 200)}\``,
  )
  .join("")}`;
}

/** The issue's targets at the largest N both ran, each with its mark, and the floor beside them. */
function fanoutTargets(router: FanoutResult[], bare: FanoutResult[], floor: FanoutResult[]): string {
  const n = Math.max(...router.map((r) => r.n).filter((x) => bare.some((b) => b.n === x)));
  const r = router.find((x) => x.n === n);
  const b = bare.find((x) => x.n === n);
  if (!r || !b) return "Targets: not checked (the router and the bare server did not both run one N).";
  const f = floor.find((x) => x.n === n);
  const mark = (ok: boolean) => (ok ? "✔" : "✘");
  return `Targets at N = ${fmt(n)}: event→client p99 under 100 ms: ${fmt(r.single.p99)} ms single, ${fmt(r.p99)} ms burst ${mark(r.single.p99 < 100 && r.p99 < 100)}${f ? ` (floor: ${fmt(f.single.p99)} / ${fmt(f.p99)} ms)` : ""}; memory no more than bare graphql-ws holding the same connections: RSS ${mib(r.loaded.rss)} vs ${mib(b.loaded.rss)} MiB ${mark(r.loaded.rss <= b.loaded.rss)}, heap used ${mib(r.loaded.heapUsed)} vs ${mib(b.loaded.heapUsed)} MiB ${mark(r.loaded.heapUsed <= b.loaded.heapUsed)}, peak RSS ${mib(r.after.maxRss)} vs ${mib(b.after.maxRss)} MiB ${mark(r.after.maxRss <= b.after.maxRss)}.`;
}

async function main() {
  const benchStarted = Date.now();
  const tables: string[] = [];
  const loadAtStart = loadavg()
    .map((x) => fmt(x, 2))
    .join(" ");
  try {
    if (PARTS.has("grab"))
      await withPlatform(
        async ({
          request,
          sign,
          customer,
          tradeDatabaseUrl,
          tradeUrl,
          routerSigner,
          memory,
          routerMemory,
        }) => {
          // (a)
          try {
            const grab = await benchGrab(
              request,
              sign,
              customer,
              tradeDatabaseUrl,
              graphql(tradeUrl, routerSigner),
              async () => ({
                router: (await routerMemory()).cpuMicros,
                subgraphs: (await memory()).cpuMicros,
              }),
            );
            const rate = (r: GrabRun) => r.attempts / r.seconds;
            const rl = sortNum(grab.router.latencies);
            const bl = sortNum(grab.raw.latencies);
            const dl = sortNum(grab.direct.latencies);
            const routerRate = rate(grab.router);
            const rawRate = rate(grab.raw);
            const p99 = percentile(rl, 99);
            tables.push(`### (a) grabOrder race, ${fmt(COACHES)} concurrent coaches, ${ROUNDS} rounds × ${ORDERS_PER_ROUND} open orders

Coaches: access tokens signed with the auth subgraph's active key (EdDSA, kid header; no argon2 register), profiles set with \`setCoachProfile\` and levels with \`setCoachLevel\` (admin token) through the router (${fmt(COACHES)} in ${fmt(grab.setupSeconds, 1)} s, 100 in flight). Each round every coach at once loops "grab a random order still believed open" (a win or a CONFLICT takes it off the shared list) until none is left or it made ${ATTEMPTS_PER_COACH_PER_ROUND} attempts; only grab phases are timed. Router in one child process, the 4 subgraphs in another; clients here.

| path | attempts | won / lost (CONFLICT) / other | attempts/s | p50 / p99 / max latency per attempt | target |
| --- | --- | --- | --- | --- | --- |
| router → trade subgraph (grabOrder mutation over HTTP) | ${fmt(grab.router.attempts)} | ${fmt(grab.router.won)} / ${fmt(grab.router.lost)} / ${fmt(grab.router.other)} | ${fmt(routerRate)} | ${fmt(percentile(rl, 50), 1)} / ${fmt(p99, 1)} / ${fmt(rl.at(-1) ?? Number.NaN, 1)} ms | ≥ 1,500 attempts/s ${routerRate >= 1500 ? "✔" : "✘"}, p99 < 200 ms ${p99 < 200 ? "✔" : "✘"} |
| trade subgraph directly (same mutation, same token, no router) | ${fmt(grab.direct.attempts)} | ${fmt(grab.direct.won)} / ${fmt(grab.direct.lost)} / ${fmt(grab.direct.other)} | ${fmt(rate(grab.direct))} | ${fmt(percentile(dl, 50), 1)} / ${fmt(percentile(dl, 99), 1)} / ${fmt(dl.at(-1) ?? Number.NaN, 1)} ms | – |
| raw pg: BEGIN; UPDATE … WHERE status='OPEN'; INSERT outbox (winner); COMMIT — ${RAW_CONNECTIONS} connections | ${fmt(grab.raw.attempts)} | ${fmt(grab.raw.won)} / ${fmt(grab.raw.lost)} / ${fmt(grab.raw.other)} | ${fmt(rawRate)} | ${fmt(percentile(bl, 50), 1)} / ${fmt(percentile(bl, 99), 1)} / ${fmt(bl.at(-1) ?? Number.NaN, 1)} ms | – |
| router / raw | | | ${fmt(routerRate / rawRate, 2)} | p99 × ${fmt(p99 / percentile(bl, 99), 1)} | – |

CPU per attempt (includes creating each round's orders through the router) during the router rounds: router process ${fmt(grab.routerCpuMicros.router / 1000 / grab.router.attempts, 2)} ms + subgraphs process ${fmt(grab.routerCpuMicros.subgraphs / 1000 / grab.router.attempts, 2)} ms (${fmt((grab.routerCpuMicros.router + grab.routerCpuMicros.subgraphs) / 1e6 / grab.router.seconds, 2)} CPU-s per grab-phase second); during the direct rounds: router ${fmt(grab.directCpuMicros.router / 1000 / grab.direct.attempts, 2)} ms + subgraphs ${fmt(grab.directCpuMicros.subgraphs / 1000 / grab.direct.attempts, 2)} ms (${fmt((grab.directCpuMicros.router + grab.directCpuMicros.subgraphs) / 1e6 / grab.direct.seconds, 2)} CPU-s per second). Warm-up round (not counted): ${fmt(grab.warmRouter.attempts)} attempts at ${fmt(rate(grab.warmRouter))}/s, p99 ${fmt(percentile(sortNum(grab.warmRouter.latencies), 99), 1)} ms. Check after the router rounds (trade database, warm-up included): ${fmt(grab.check.assigned)} orders ASSIGNED of ${fmt((ROUNDS + 1) * ORDERS_PER_ROUND)}, ${fmt(grab.check.grabs)} grab_requests rows, ${fmt(grab.check.events)} order_assigned outbox rows.${grab.router.otherSample ? ` First "other" outcome: \`${grab.router.otherSample.slice(0, 200)}\`.` : ""}${grab.direct.otherSample ? ` Direct "other": \`${grab.direct.otherSample.slice(0, 200)}\`.` : ""}${grab.raw.otherSample ? ` Raw "other": \`${grab.raw.otherSample.slice(0, 200)}\`.` : ""}`);
            console.error(tables.at(-1));
            tables.push(arrivalsTable(grab.arrivals));
            console.error(tables.at(-1));
          } catch (error) {
            console.error("(a) failed:", error);
            tables.push(`(a) failed: \`${String(error).slice(0, 300)}\``);
          }
        },
      );
    console.error(`(a) done at ${elapsed(benchStarted)}`);

    const routerResults = !PARTS.has("fanout")
      ? []
      : await withPlatform(
          async ({
            url,
            request,
            sign,
            customer,
            tradeDatabaseUrl,
            memory: platformMemory,
            routerMemory,
          }) => {
            const ready = { url };
            // (b) router fan-out
            const maxN = Math.max(...FANOUT_ROUTER);
            console.error(`(b) ${fmt(maxN)} fan-out coaches: tokens + profiles inserted via SQL…`);
            const fanCoaches: Person[] = await Promise.all(
              Array.from({ length: maxN }, async () => {
                const id = randomUUID();
                return { id, token: await sign(id, ["coach"]) };
              }),
            );
            {
              const pool = new pg.Pool({ connectionString: tradeDatabaseUrl, max: 2 });
              await pool.query(
                `INSERT INTO coach_profiles (coach_id, specialties, regions, level, capacity, updated_at)
           SELECT unnest($1::uuid[]), ARRAY['nutrition'], ARRAY['fanout'], 3, 5, now()`,
                [fanCoaches.map((c) => c.id)],
              );
              await pool.end();
            }
            const routerResults: FanoutResult[] = [];
            for (const n of FANOUT_ROUTER) {
              console.error(`(b) router fan-out N=${n}…`);
              try {
                routerResults.push(
                  await fanout(
                    n,
                    ready.url.replace(/^http/, "ws"),
                    fanCoaches.slice(0, n).map((c) => c.token),
                    async (count) => {
                      await Promise.all(
                        Array.from({ length: count }, () => createOrder(request, customer, "fanout")),
                      );
                    },
                    async () => {
                      const [r, m] = await Promise.all([routerMemory(), platformMemory()]);
                      return {
                        rss: r.rss,
                        maxRss: r.maxRss,
                        heapUsed: r.heapUsed,
                        upstream: m.tradeSockets,
                        sockets: r.sockets,
                      };
                    },
                  ),
                );
              } catch (error) {
                console.error(`router fan-out N=${n} failed:`, error);
                tables.push(`Router fan-out N=${n} failed: \`${String(error).slice(0, 300)}\``);
                break;
              }
              console.error(JSON.stringify(routerResults.at(-1)));
            }

            return routerResults;
          },
        );
    console.error(`(b) router done at ${elapsed(benchStarted)}`);

    // (b) bare baseline
    const bareResults: FanoutResult[] = [];
    const floorResults: FanoutResult[] = [];
    for (const n of PARTS.has("fanout") ? FANOUT_BARE : []) {
      console.error(`(b) bare graphql-ws fan-out N=${n}…`);
      bareResults.push(await benchBare(n));
      console.error(JSON.stringify(bareResults.at(-1)));
      console.error(`(b) floor (prebuilt frames) fan-out N=${n}…`);
      floorResults.push(await benchBare(n, true));
      console.error(JSON.stringify(floorResults.at(-1)));
    }

    const rows: string[] = [];
    for (const n of [...new Set([...FANOUT_ROUTER, ...FANOUT_BARE])].sort((a, b) => a - b)) {
      const r = routerResults.find((x) => x.n === n);
      const b = bareResults.find((x) => x.n === n);
      const f = floorResults.find((x) => x.n === n);
      const line = (label: string, x: FanoutResult | undefined, sockets: string) =>
        x
          ? `| ${fmt(n)} | ${label} | ${fmt(x.connected)}${x.failedConnects ? ` (${fmt(x.failedConnects)} failed)` : ""} in ${fmt(x.connectSeconds, 1)} s | ${sockets} | ${fmt(x.single.delivered)} / ${fmt(x.single.expected)}: ${fmt(x.single.p50, 0)} / ${fmt(x.single.p99, 0)} / ${fmt(x.single.max, 0)} ms | ${fmt(x.delivered)} / ${fmt(x.expected)} in ${fmt(x.burstSeconds, 1)} s: ${fmt(x.p50, 0)} / ${fmt(x.p99, 0)} / ${fmt(x.max, 0)} ms | ${mib(x.idle.rss)} → ${mib(x.loaded.rss)} MiB (+${fmt((x.loaded.rss - x.idle.rss) / x.n / 1024, 1)} KiB/sub); peak ${mib(x.after.maxRss)} MiB | ${mib(x.idle.heapUsed)} → ${mib(x.loaded.heapUsed)} MiB (+${fmt((x.loaded.heapUsed - x.idle.heapUsed) / x.n / 1024, 1)} KiB/sub) | ${mib(x.after.heapUsed)} MiB |`
          : `| ${fmt(n)} | ${label} | not run | | | | | | |`;
      rows.push(
        r
          ? line("router (own process)", r, `${fmt(r.upstreamSockets ?? 0)}`)
          : `| ${fmt(n)} | router (own process) | not run (see notes) | | | | | | |`,
      );
      rows.push(line("bare graphql-ws", b, "–"));
      rows.push(line("floor: one prebuilt frame per socket", f, "–"));
      if (r && b) {
        rows.push(
          `| ${fmt(n)} | router / bare | | | p50 × ${fmt(r.single.p50 / Math.max(b.single.p50, 1), 2)}, p99 × ${fmt(r.single.p99 / Math.max(b.single.p99, 1), 2)} | p50 × ${fmt(r.p50 / Math.max(b.p50, 1), 2)}, p99 × ${fmt(r.p99 / Math.max(b.p99, 1), 2)} | RSS delta × ${fmt((r.loaded.rss - r.idle.rss) / Math.max(b.loaded.rss - b.idle.rss, 1), 2)}, RSS × ${fmt(r.loaded.rss / b.loaded.rss, 2)} | heap delta × ${fmt((r.loaded.heapUsed - r.idle.heapUsed) / Math.max(b.loaded.heapUsed - b.idle.heapUsed, 1), 2)} | |`,
        );
      }
      if (r && f) {
        rows.push(
          `| ${fmt(n)} | router / floor | | | p50 × ${fmt(r.single.p50 / Math.max(f.single.p50, 1), 2)}, p99 × ${fmt(r.single.p99 / Math.max(f.single.p99, 1), 2)} | p50 × ${fmt(r.p50 / Math.max(f.p50, 1), 2)}, p99 × ${fmt(r.p99 / Math.max(f.p99, 1), 2)} | | | |`,
        );
      }
    }
    tables.push(`### (b) subscription fan-out: \`${SUBSCRIPTION}\`, burst of ${BURST_EVENTS} events

Router: one coach token per subscriber (profiles inserted by SQL), events are \`createServiceOrder\` mutations through the router fired at once; latency = arrival at the client − \`order.createdAt\` (set by the trade subgraph before its transaction). Memory is the router's own child process (the subgraphs run in another; after a forced GC) before connecting → with N subscribed (after a warm-up event every subscriber received). Bare: \`useServer\` on \`ws\`, no auth, one async-generator event source, events stamped when emitted. Floor: the same bare server, but each event's \`next\` message is built once and written to every socket as one frame (no execution, no per-socket serialization; the router's own write path, \`writeNextFrame\`): what one Node process on this machine can do at best. Both run compiled (scripts/bundle.mjs) like the router. All clients in the bench process. "TCP sockets into trade" counts every established connection whose server side is the trade subgraph's port (\`ss\`): the router's upstream graphql-ws socket(s) plus its HTTP keep-alive sockets. Router N values run one after another on one platform, so "before" for a larger N is after the smaller N disconnected.

| N | server | connected (time) | TCP sockets into trade with N subscribed | ${SINGLE_EVENTS} single events: delivered, p50 / p99 / max event→client | burst of ${BURST_EVENTS} at once: delivered (wall time), p50 / p99 / max | RSS before → N subscribed; peak (process lifetime) | heap used before → N subscribed | heap used after all disconnected |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

${fanoutTargets(routerResults, bareResults, floorResults)}`);
  } finally {
    console.log(tables.join("\n\n"));
    console.log(
      `\nTotal bench time ${elapsed(benchStarted)}. Load average (1/5/15 min, ${availableParallelism()} CPUs) at start ${loadAtStart}, at end ${loadavg()
        .map((x) => fmt(x, 2))
        .join(" ")}.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
