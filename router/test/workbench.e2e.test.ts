import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// The M03 workbench through the router (issue 11): trade's events about a real order, completed by its
// coach, reach biz's projections and show in the coach's workbench within seconds.

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

const WORKBENCH = `query($from: DateTimeISO!, $to: DateTimeISO!, $coachId: ID) {
  workbench(from: $from, to: $to, coachId: $coachId) {
    coachId ordersInProgress
    orders { assigned completed cancelled }
    revenue { currency amount count }
    payouts { currency amount count }
  }
}`;
interface WorkbenchData {
  workbench: {
    coachId: string;
    ordersInProgress: number;
    orders: { assigned: number; completed: number; cancelled: number };
    revenue: Array<{ currency: string; amount: number; count: number }>;
    payouts: Array<{ currency: string; amount: number; count: number }>;
  };
}
const today = () => {
  const to = new Date(Date.now() + 60_000);
  return { from: new Date(to.getTime() - 24 * 3600_000).toISOString(), to: to.toISOString() };
};

describe("the coach's workbench", () => {
  it("shows a completed order, its revenue and the coach's payout within seconds, and is the coach's alone", async () => {
    const customer = await signUp(request, "WorkbenchCustomer");
    const coach = await signUpGrabbingCoach(platform, request, "WorkbenchCoach", { region: "hefei" });
    const id = await openOrder(request, customer, "hefei");
    await ok("mutation($id: ID!) { grabOrder(orderId: $id) { id } }", { id }, coach.token);

    const inProgress = await eventually(
      () => request<WorkbenchData>(WORKBENCH, today(), coach.token),
      (result) => result.data?.workbench.ordersInProgress === 1,
      10_000,
    );
    expect(inProgress.data?.workbench.orders).toEqual({ assigned: 1, completed: 0, cancelled: 0 });

    for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
      await ok(
        "mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status) { status } }",
        { id, status },
        coach.token,
      );
    }
    await ok(
      "mutation($id: ID!) { confirmOrderCompletion(orderId: $id) { status } }",
      { id },
      customer.token,
    );
    // Within seconds: trade's service_completed, then finance's settlement_recorded (the payout, the
    // price less the platform's 20 % fee) reach biz's projections.
    const completed = await eventually(
      () => request<WorkbenchData>(WORKBENCH, today(), coach.token),
      (result) => result.data?.workbench.orders.completed === 1 && result.data.workbench.payouts.length === 1,
      15_000,
    );
    expect(completed.data?.workbench).toEqual({
      coachId: coach.id,
      ordersInProgress: 0,
      orders: { assigned: 1, completed: 1, cancelled: 0 },
      revenue: [{ currency: "CNY", amount: 19_900, count: 1 }],
      payouts: [{ currency: "CNY", amount: 15_920, count: 1 }],
    });

    // The customer (no coach role) and another coach cannot read it.
    const other = await signUpGrabbingCoach(platform, request, "OtherCoach", { region: "hefei" });
    const refused = await request(WORKBENCH, { ...today(), coachId: coach.id }, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byCustomer = await request(WORKBENCH, { ...today(), coachId: coach.id }, customer.token);
    expect(byCustomer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
