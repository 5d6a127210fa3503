// Checks that PostgreSQL, Redis and NATS answer on their addresses; names each one that does not,
// with the address tried and the command that starts it on a developer machine.
import { connect } from "node:net";

const SERVICES = [
  {
    name: "PostgreSQL",
    env: "DATABASE_URL_AUTH",
    fallback: "postgresql://postgres@127.0.0.1:5432",
    start: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  },
  {
    name: "Redis",
    env: "REDIS_URL",
    fallback: "redis://127.0.0.1:6379",
    start:
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
  {
    name: "NATS (JetStream)",
    env: "NATS_URL",
    fallback: "nats://127.0.0.1:4222",
    start:
      "start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log",
  },
];

const reachable = (host, port) =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once("connect", () => resolve(socket.end() && true));
    socket.once("timeout", () => resolve(socket.destroy() && false));
    socket.once("error", () => resolve(false));
  });

/** Resolves to the list of problems (empty when every service answers). */
export async function checkServices(env = process.env) {
  const problems = [];
  for (const service of SERVICES) {
    const url = new URL(env[service.env] ?? service.fallback);
    const port = Number(url.port || { "postgresql:": 5432, "redis:": 6379, "nats:": 4222 }[url.protocol]);
    if (!(await reachable(url.hostname, port)))
      problems.push(
        `${service.name} is not reachable at ${url.hostname}:${port}. Start it with:\n    ${service.start}`,
      );
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await checkServices();
  for (const problem of problems) console.error(problem);
  process.exit(problems.length ? 1 : 0);
}
