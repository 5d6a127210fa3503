import { paymentFailedV1, paymentSuccessV1 } from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { prepareEvent } from "../events/publishEvent.ts";
import type { PaymentRequester } from "../saga/paymentSaga.ts";

/** A harness's `publish`: an envelope onto the test's own streams. */
type Publish = <E extends EventDefinition>(
  event: E,
  envelope: EventEnvelope<EventPayload<E>>,
) => Promise<void>;

/**
 * Publishes finance's answer to a purchase paid at once (`definePaidPurchaseSaga`) as finance's relay
 * would: payment_success, or payment_failed with the reason `declined`. Returns the answer's event id.
 */
export async function publishPaymentAnswer(
  publish: Publish,
  requester: PaymentRequester,
  payment: { id: string; payerId: string; amount: number; currency: string; reference: string },
  answer: { declined?: string } = {},
): Promise<string> {
  const common = { paymentId: payment.id, requestId: payment.id, requester, payerId: payment.payerId };
  const meta = { aggregateId: payment.id };
  const now = new Date().toISOString();
  if (answer.declined) {
    const payload = { ...common, reason: answer.declined, failedAt: now };
    const { envelope } = prepareEvent(paymentFailedV1, payload, meta);
    await publish(paymentFailedV1, envelope);
    return envelope.id;
  }
  const { amount, currency, reference } = payment;
  const payload = { ...common, reference, amount, currency, paidAt: now };
  const { envelope } = prepareEvent(paymentSuccessV1, payload, meta);
  await publish(paymentSuccessV1, envelope);
  return envelope.id;
}
