import { type LightSubscription, subscribeLight } from "./lightSubscriber.ts";
import { pooled } from "./waits.ts";

export const SUBSCRIPTION = "subscription { orderAvailable { id order { id createdAt } } }";

/** A client subscribed to SUBSCRIPTION: when each event reached it, and what went wrong. */
export interface Subscriber {
  subscription: LightSubscription;
  arrivals: Array<{ id: string; latency: number }>;
  errors: unknown[];
}

/** Connects `tokens.length` graphql-ws subscribers (one per token, `null`: no token). */
export async function connectSubscribers(url: string, tokens: Array<string | null>) {
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
