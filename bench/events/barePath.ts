import { randomUUID } from "node:crypto";
import { busSubject, eventsStreamName } from "@health/platform/events";
import { AckPolicy, type NatsConnection } from "nats";
import type pg from "pg";

// The floor the mechanism is compared with: a row, a relay polling every 5 ms that publishes it with a
// msgID and marks it sent, and a durable pull consumer that only acks. No validation, no headers, no
// inbox, no handler transaction, no ordering rules.

const encoder = new TextEncoder();

export async function fillBareOutbox(pool: pg.Pool, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO bare_outbox (id, subject, body)
     SELECT gen_random_uuid(), 'user.health_action_recorded.v1', jsonb_build_object('n', n, 'pad', repeat('x', 300))
       FROM generate_series(1, $1) AS n`,
    [count],
  );
}

/** Publishes bare_outbox until it is empty. */
export async function drainBareOutbox(pool: pg.Pool, nats: NatsConnection, prefix: string): Promise<void> {
  const js = nats.jetstream();
  for (;;) {
    const client = await pool.connect();
    let claimed = 0;
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string; subject: string; body: unknown }>(
        `SELECT id::text, subject, body FROM bare_outbox WHERE sent_at IS NULL
          ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      );
      claimed = rows.length;
      await Promise.all(
        rows.map((row) =>
          js.publish(busSubject(row.subject, { prefix }), encoder.encode(JSON.stringify(row.body)), {
            msgID: row.id,
          }),
        ),
      );
      await client.query("UPDATE bare_outbox SET sent_at = now() WHERE id = ANY($1::uuid[])", [
        rows.map((r) => r.id),
      ]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    if (claimed === 0) return;
    if (claimed < 500) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A durable pull consumer that only acks; `acked()` counts. */
export async function startBareConsumer(nats: NatsConnection, prefix: string) {
  const stream = eventsStreamName({ prefix });
  const name = `bare_${randomUUID().slice(0, 8)}`;
  await (await nats.jetstreamManager()).consumers.add(stream, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
  });
  const messages = await (await nats.jetstream().consumers.get(stream, name)).consume({ max_messages: 256 });
  let acked = 0;
  let lastAckAt = 0;
  const consuming = (async () => {
    for await (const msg of messages) {
      msg.ack();
      acked++;
      lastAckAt = performance.timeOrigin + performance.now();
    }
  })();
  return {
    acked: () => acked,
    lastAckAt: () => lastAckAt,
    stop: async () => {
      await messages.close();
      await consuming;
    },
  };
}
