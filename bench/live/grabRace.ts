import pg from "pg";
import { type ArrivalStep, grabArrivals, RACERS } from "./grabArrivals.ts";
import { setUpCoaches } from "./grabCoaches.ts";
import { type Grab, type GrabRun, grabRounds } from "./grabRounds.ts";
import { createOrder, graphql, type Request } from "./graphqlClient.ts";
import type { PlatformSession } from "./platformSession.ts";
import { rawGrabRounds } from "./rawGrab.ts";
import { ARRIVAL_RATES, ARRIVAL_SECONDS, ORDERS_PER_ROUND, RAW_CONNECTIONS, ROUNDS } from "./settings.ts";
import { pooled } from "./waits.ts";

/** CPU time (µs) each server process has used so far. */
interface CpuSample {
  router: number;
  subgraphs: number;
}

export interface GrabResults {
  router: GrabRun;
  warmRouter: GrabRun;
  arrivals: ArrivalStep[];
  direct: GrabRun;
  routerCpuMicros: CpuSample;
  directCpuMicros: CpuSample;
  raw: GrabRun;
  setupSeconds: number;
  /** The trade database after the router rounds. */
  check: { assigned: number; grabs: number; events: number };
}

/** (a) on one platform: every measurement the report's two grab tables show, in the order they run. */
export async function benchGrab(session: PlatformSession): Promise<GrabResults> {
  const { request, customer } = session;
  const { coaches, setupSeconds } = await setUpCoaches(request, session.sign, session.tradeDatabaseUrl);
  const ids = coaches.map((c) => c.id);
  const tokens = new Map(coaches.map((c) => [c.id, c.token]));
  const cpuMicros = async (): Promise<CpuSample> => ({
    router: (await session.routerMemory()).cpuMicros,
    subgraphs: (await session.memory()).cpuMicros,
  });

  console.error(
    `(a) ${ROUNDS} rounds × ${ORDERS_PER_ROUND} orders (+1 warm-up round), grabs through the router…`,
  );
  const routerOrders = (count: number) => async () => {
    const orderIds: string[] = [];
    await pooled(Array.from({ length: count }), 20, async () => {
      orderIds.push(await createOrder(request, customer, "shanghai"));
    });
    return orderIds;
  };
  const routerGrab = grabVia(request, tokens);
  const warmRouter = await grabRounds(ids, routerOrders(ORDERS_PER_ROUND), routerGrab, 1);
  const router = await withCpu(cpuMicros, () => grabRounds(ids, routerOrders(ORDERS_PER_ROUND), routerGrab));

  const pool = new pg.Pool({ connectionString: session.tradeDatabaseUrl, max: RAW_CONNECTIONS });
  const check = await assignedSoFar(pool);

  const arrivals: ArrivalStep[] = [];
  for (const offered of ARRIVAL_RATES) {
    console.error(`(a) open loop through the router: ${offered} attempts/s for ${ARRIVAL_SECONDS} s…`);
    const orders = await routerOrders(Math.ceil((offered / RACERS) * ARRIVAL_SECONDS))();
    arrivals.push(await grabArrivals(ids, orders, offered, routerGrab));
  }

  console.error("(a) same rounds straight at the trade subgraph (no router)…");
  const tradeGrab = grabVia(graphql(session.tradeUrl, session.routerSigner), tokens);
  const direct = await withCpu(cpuMicros, () => grabRounds(ids, routerOrders(ORDERS_PER_ROUND), tradeGrab));

  const raw = await rawGrabRounds(pool, customer.id, ids);
  await pool.end();
  return {
    router: router.run,
    warmRouter,
    arrivals,
    direct: direct.run,
    routerCpuMicros: router.cpu,
    directCpuMicros: direct.cpu,
    raw,
    setupSeconds,
    check,
  };
}

/** grabOrder sent through `send` under the coach's own token. */
function grabVia(send: Request, tokens: ReadonlyMap<string, string>): Grab {
  return async (coachId, orderId) => {
    try {
      const result = await send(
        "mutation($id: ID!) { grabOrder(orderId: $id) { id status } }",
        { id: orderId },
        tokens.get(coachId)!,
      );
      if (!result.errors) return "won";
      const code = result.errors[0]?.extensions?.code;
      return code === "CONFLICT" ? "lost" : `${code}: ${result.errors[0]?.message}`;
    } catch (error) {
      return `transport: ${(error as Error).message}`;
    }
  };
}

/** `run`, and the CPU each server process spent while it ran. */
async function withCpu<T>(cpuMicros: () => Promise<CpuSample>, run: () => Promise<T>) {
  const before = await cpuMicros();
  const result = await run();
  const after = await cpuMicros();
  return {
    run: result,
    cpu: { router: after.router - before.router, subgraphs: after.subgraphs - before.subgraphs },
  };
}

async function assignedSoFar(pool: pg.Pool): Promise<GrabResults["check"]> {
  const { rows } = await pool.query<{ assigned: string; grabs: string; events: string }>(
    `SELECT (SELECT count(*) FROM service_orders WHERE region = 'shanghai' AND status = 'ASSIGNED') AS assigned,
            (SELECT count(*) FROM grab_requests) AS grabs,
            (SELECT count(*) FROM outbox_events WHERE subject = 'trade.order_assigned.v1') AS events`,
  );
  return {
    assigned: Number(rows[0]!.assigned),
    grabs: Number(rows[0]!.grabs),
    events: Number(rows[0]!.events),
  };
}
