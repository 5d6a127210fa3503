import { DiscrepancyKind, PaymentStatus, TradeOrderStatus } from "../../generated/prisma/enums.ts";

// The daily reconciliation's rules, pure: given trade's orders (as finance recorded their events), the
// payments made for them and their settlements, which discrepancies there are and what is done about
// each: REPAIR (safe, done with the payment's own moves) or FLAG (an operator decides).

export interface OrderFacts {
  orderId: string;
  status: TradeOrderStatus;
  /** Minor units (service_completed's price once completed). */
  amount: number;
  /** ISO 4217; "" when finance only heard of the order's cancellation. */
  currency: string;
  coachId: string | null;
}

export interface PaymentFacts {
  id: string;
  reference: string;
  /** `trade` for the order-payment saga's payment (its id is the order's). */
  requester: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  capturedAmount: number;
  refundedAmount: number;
  createdAt: Date;
}

export interface SettlementFacts {
  orderId: string;
  paymentId: string;
  amount: number;
}

export interface ReconciliationFacts {
  orders: OrderFacts[];
  payments: PaymentFacts[];
  settlements: SettlementFacts[];
}

export type Repair = "CAPTURE_AND_SETTLE" | "SETTLE" | "VOID";

export interface Finding {
  kind: DiscrepancyKind;
  /** What it is about, unique with the kind: an order id, a payment id, or `<order>:<payment>`. */
  subject: string;
  orderId: string | null;
  paymentId: string | null;
  detail: string;
  /** What repairs it; none means it is flagged for an operator. */
  repair: Repair | null;
  /** The coach a repair settles to. */
  coachId: string | null;
}

export const SERVICE_ORDER_REFERENCE = "service_order:";

/** The trade order a payment is for: the saga's payment carries its id, another names it in its reference. */
export function orderIdOfPayment(
  payment: Pick<PaymentFacts, "id" | "reference" | "requester">,
): string | null {
  if (payment.requester === "trade") return payment.id;
  return payment.reference.startsWith(SERVICE_ORDER_REFERENCE)
    ? payment.reference.slice(SERVICE_ORDER_REFERENCE.length)
    : null;
}

/** What the platform still keeps of a payment: captured less refunded. */
const kept = (payment: PaymentFacts) => payment.capturedAmount - payment.refundedAmount;

const ENDED = new Set<TradeOrderStatus>([TradeOrderStatus.CANCELLED, TradeOrderStatus.EXPIRED]);

interface OrderGroup {
  orderId: string;
  order: OrderFacts | null;
  payments: PaymentFacts[];
  settlement: SettlementFacts | null;
}

function groupByOrder(facts: ReconciliationFacts): OrderGroup[] {
  const groups = new Map<string, OrderGroup>();
  const groupOf = (orderId: string) => {
    let group = groups.get(orderId);
    if (!group) {
      group = { orderId, order: null, payments: [], settlement: null };
      groups.set(orderId, group);
    }
    return group;
  };
  for (const order of facts.orders) groupOf(order.orderId).order = order;
  for (const payment of facts.payments) {
    const orderId = orderIdOfPayment(payment);
    if (orderId) groupOf(orderId).payments.push(payment);
  }
  for (const settlement of facts.settlements) groupOf(settlement.orderId).settlement = settlement;
  return [...groups.values()].sort((a, b) => a.orderId.localeCompare(b.orderId));
}

const flag = (
  kind: DiscrepancyKind,
  subject: string,
  ids: { orderId: string | null; paymentId: string | null },
  detail: string,
): Finding => ({ kind, subject, ...ids, detail, repair: null, coachId: null });

/** The order's own payment: the saga's (its id is the order's), else the first one naming the order. */
const primaryOf = (group: OrderGroup) =>
  group.payments.find((payment) => payment.id === group.orderId) ?? group.payments[0] ?? null;

function amountFindings(group: OrderGroup, primary: PaymentFacts | null): Finding[] {
  const { order, orderId } = group;
  const findings: Finding[] = [];
  if (
    order?.currency &&
    primary &&
    (order.amount !== primary.amount || order.currency !== primary.currency)
  ) {
    findings.push(
      flag(
        DiscrepancyKind.AMOUNT_MISMATCH,
        `${orderId}:${primary.id}`,
        { orderId, paymentId: primary.id },
        `order ${order.amount} ${order.currency} ≠ payment ${primary.amount} ${primary.currency}`,
      ),
    );
  }
  const { settlement } = group;
  const paid = settlement && group.payments.find((payment) => payment.id === settlement.paymentId);
  if (settlement && paid && settlement.amount !== paid.capturedAmount) {
    findings.push(
      flag(
        DiscrepancyKind.AMOUNT_MISMATCH,
        `${orderId}:settlement`,
        { orderId, paymentId: paid.id },
        `settled ${settlement.amount} ≠ captured ${paid.capturedAmount} ${paid.currency}`,
      ),
    );
  }
  return findings;
}

function completedFindings(group: OrderGroup, order: OrderFacts, primary: PaymentFacts | null): Finding[] {
  const { orderId } = group;
  const subject = orderId;
  if (!primary) {
    return order.amount > 0
      ? [flag(DiscrepancyKind.COMPLETED_NOT_CAPTURED, subject, { orderId, paymentId: null }, "no payment")]
      : [];
  }
  const ids = { orderId, paymentId: primary.id };
  const settleable = primary.requester === "trade" && order.coachId !== null;
  if (primary.status === PaymentStatus.AUTHORIZED) {
    const sameAmount = order.amount === primary.amount && order.currency === primary.currency;
    if (settleable && sameAmount) {
      return [
        {
          kind: DiscrepancyKind.COMPLETED_NOT_CAPTURED,
          subject,
          ...ids,
          detail: `payment still AUTHORIZED for ${primary.amount} ${primary.currency}`,
          repair: "CAPTURE_AND_SETTLE",
          coachId: order.coachId,
        },
      ];
    }
    const why = sameAmount ? "not the trade saga's payment" : "the amounts differ";
    return [flag(DiscrepancyKind.COMPLETED_NOT_CAPTURED, subject, ids, `payment still AUTHORIZED; ${why}`)];
  }
  if (primary.capturedAmount === 0) {
    return [flag(DiscrepancyKind.COMPLETED_NOT_CAPTURED, subject, ids, `payment ${primary.status}`)];
  }
  if (group.settlement || primary.status !== PaymentStatus.CAPTURED) return [];
  if (!settleable) {
    return [flag(DiscrepancyKind.COMPLETED_NOT_SETTLED, subject, ids, "captured, no settlement, no coach")];
  }
  return [
    {
      kind: DiscrepancyKind.COMPLETED_NOT_SETTLED,
      subject,
      ...ids,
      detail: `captured ${primary.capturedAmount} ${primary.currency}, never settled`,
      repair: "SETTLE",
      coachId: order.coachId,
    },
  ];
}

function holdFindings(group: OrderGroup, staleBefore: Date): Finding[] {
  const { order, orderId } = group;
  const hanging = (payment: PaymentFacts) =>
    payment.status === PaymentStatus.AUTHORIZED &&
    (order ? ENDED.has(order.status) : payment.createdAt < staleBefore);
  return group.payments.filter(hanging).map((payment) => {
    const detail = order
      ? `held while the order is ${order.status}`
      : `held since ${payment.createdAt.toISOString()} for an order finance never heard of`;
    const finding = flag(
      DiscrepancyKind.HANGING_AUTHORIZATION,
      payment.id,
      { orderId, paymentId: payment.id },
      detail,
    );
    // Only the saga's own hold is released by reconciliation; a payer's direct payment is theirs.
    return payment.requester === "trade" ? { ...finding, repair: "VOID" as const } : finding;
  });
}

function capturedWithoutOrder(group: OrderGroup): Finding[] {
  const { order, orderId } = group;
  if (order?.status === TradeOrderStatus.COMPLETED) return [];
  return group.payments
    .filter((payment) => kept(payment) > 0)
    .map((payment) =>
      flag(
        DiscrepancyKind.CAPTURED_WITHOUT_COMPLETED_ORDER,
        payment.id,
        { orderId, paymentId: payment.id },
        `${kept(payment)} ${payment.currency} kept; the order is ${order?.status ?? "unknown to finance"}`,
      ),
    );
}

function doubleCapture(group: OrderGroup): Finding[] {
  const captured = group.payments.filter((payment) => kept(payment) > 0);
  if (captured.length < 2) return [];
  const ids = captured.map((payment) => payment.id).sort();
  return [
    flag(
      DiscrepancyKind.DOUBLE_CAPTURE,
      group.orderId,
      { orderId: group.orderId, paymentId: ids[0] ?? null },
      `${captured.length} payments captured for one order: ${ids.join(", ")}`,
    ),
  ];
}

/**
 * Every discrepancy in `facts`, per order (sorted by order id, so a run is repeatable):
 * - a payment whose money is kept while its order is not COMPLETED (cancelled, expired, still
 *   requested, or unknown): CAPTURED_WITHOUT_COMPLETED_ORDER, flagged;
 * - a COMPLETED order whose payment is still AUTHORIZED: COMPLETED_NOT_CAPTURED, captured and settled
 *   when it is the saga's payment for the same amount, else flagged; with no payment, or one never
 *   captured (failed, voided): flagged;
 * - a COMPLETED order's captured payment with no settlement: COMPLETED_NOT_SETTLED, settled;
 * - the order's amount or currency ≠ its payment's, or a settlement ≠ its capture: AMOUNT_MISMATCH, flagged;
 * - more than one payment kept for one order: DOUBLE_CAPTURE, flagged;
 * - a hold on a CANCELLED/EXPIRED order, or on an unknown order created before `staleBefore`:
 *   HANGING_AUTHORIZATION, voided when it is the saga's hold, else flagged.
 */
export function findDiscrepancies(facts: ReconciliationFacts, options: { staleBefore: Date }): Finding[] {
  return groupByOrder(facts).flatMap((group) => {
    const primary = primaryOf(group);
    const { order } = group;
    return [
      ...capturedWithoutOrder(group),
      ...(order?.status === TradeOrderStatus.COMPLETED ? completedFindings(group, order, primary) : []),
      ...amountFindings(group, primary),
      ...doubleCapture(group),
      ...holdFindings(group, options.staleBefore),
    ];
  });
}
