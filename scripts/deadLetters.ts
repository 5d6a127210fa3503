// Operator tool for the events dead-letter stream (../shared/design/ARCHITECTURE.md rule 3):
// `list` shows what consumers gave up on, `replay <sequence>` sends one back to its original subject.
import { type DeadLetter, listDeadLetters, replayDeadLetter } from "@health/platform/events";
import { inboxPrefixFor, natsAuthOptions } from "@health/platform/nats";
import { connect, type NatsConnection } from "nats";
import { textTable } from "./textTable.ts";

const USAGE = `Usage:
  tsx scripts/deadLetters.ts list [--limit N] [--prefix P]        show dead letters, oldest first (default 100)
  tsx scripts/deadLetters.ts replay <sequence> [--prefix P]       re-publish one to its original subject and delete it
NATS_URL (default nats://127.0.0.1:4222) says which server; --prefix selects test streams (<P>_EVENTS_DLQ).
Where NATS has users (deploy/nats/nats-server.conf), run as admin: NATS_USER=admin NATS_PASSWORD=...
(or NATS_TOKEN / NATS_CREDS); a replay publishes on another subgraph's subject, which only admin may.`;

class UsageError extends Error {}

function parseArgs(args: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) positional.push(arg);
    else if (args[i + 1] === undefined) throw new UsageError(`${arg} needs a value`);
    else flags[arg.slice(2)] = args[++i]!;
  }
  return { positional, flags };
}

function positiveInteger(value: string | undefined, what: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new UsageError(`${what} must be a positive integer, got "${value}"`);
  return parsed;
}

function table(letters: DeadLetter[]): string {
  const rows = [
    ["sequence", "consumer", "subject", "deliveries", "error", "dead at"],
    ...letters.map((letter) => [
      String(letter.sequence),
      letter.consumer,
      letter.subject,
      String(letter.deliveries),
      letter.error.length > 80 ? `${letter.error.slice(0, 79)}…` : letter.error,
      letter.deadAt.toISOString(),
    ]),
  ];
  return textTable(rows);
}

async function connectOrExplain(url: string): Promise<NatsConnection> {
  const auth = natsAuthOptions(process.env);
  try {
    return await connect({
      servers: url,
      name: "dead-letters-cli",
      inboxPrefix: inboxPrefixFor("dead-letters-cli"),
      timeout: 3_000,
      ...auth,
    });
  } catch (error) {
    throw new Error(
      `NATS is not reachable at ${url} (${error instanceof Error ? error.message : error}). ` +
        "Set NATS_URL, or start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server",
    );
  }
}

async function main(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args);
  const [command, sequence] = positional;
  if (command !== "list" && command !== "replay") {
    throw new UsageError(command ? `Unknown command: ${command}` : "Missing command");
  }
  const options = { prefix: flags.prefix };
  const nats = await connectOrExplain(process.env.NATS_URL ?? "nats://127.0.0.1:4222");
  try {
    if (command === "list") {
      const limit = flags.limit === undefined ? 100 : positiveInteger(flags.limit, "--limit");
      const letters = await listDeadLetters(nats, { ...options, limit });
      console.log(letters.length === 0 ? "No dead letters." : table(letters));
    } else {
      const seq = positiveInteger(sequence, "replay <sequence>");
      await replayDeadLetter(nats, seq, options);
      console.log(`Replayed dead letter ${seq}; it is back on its original subject.`);
    }
  } finally {
    await nats.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
