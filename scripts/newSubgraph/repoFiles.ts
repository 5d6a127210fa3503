import type { NewSubgraph } from "./request.ts";
import { EditedFile } from "./textEdits.ts";

export const PORTS_FILE = "packages/platform/src/config/subgraphPorts.ts";

const PORT_ENTRY = /^ {2}([a-z]+): (\d+),$/;

/** SUBGRAPH_PORTS as written in subgraphPorts.ts (read as text: the generator edits that text). */
export function readSubgraphPorts(text: string): Record<string, number> {
  const entries = text
    .split("\n")
    .map((line) => PORT_ENTRY.exec(line))
    .filter((match) => match !== null)
    .map((match) => [match[1], Number(match[2])]);
  if (entries.length === 0) new EditedFile(PORTS_FILE, text).fail("no SUBGRAPH_PORTS entries");
  return Object.fromEntries(entries);
}

export function readRouterPort(text: string): number {
  const match = /ROUTER_PORT = (\d+);/.exec(text);
  return match ? Number(match[1]) : new EditedFile(PORTS_FILE, text).fail("no ROUTER_PORT");
}

/**
 * subgraphPorts.ts: `<name>: <port>,` in port order, unless the port was reserved for it already
 * (content, biz, ec, finance, ops and ai are), in which case the file stays as it is.
 */
export function registerPort(text: string, sub: NewSubgraph): string {
  if (readSubgraphPorts(text)[sub.name] === sub.port) return text;
  const file = new EditedFile(PORTS_FILE, text);
  const start = file.find(/^export const SUBGRAPH_PORTS = \{$/, "SUBGRAPH_PORTS");
  const end = file.find(/^\} as const;$/, "end of SUBGRAPH_PORTS", start);
  let at = end;
  for (let i = start + 1; i < end; i++) {
    if (Number(PORT_ENTRY.exec(file.lines[i] ?? "")?.[2]) > sub.port) {
      at = i;
      break;
    }
  }
  file.insert(at, [`  ${sub.name}: ${sub.port},`]);
  return file.text;
}

const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim());

const portRange = (ports: number[]): string =>
  ports.length === 1 ? String(ports[0]) : `${Math.min(...ports)} … ${Math.max(...ports)}`;

/**
 * README.md: its row in "Ports and environment" (taken out of the row of reserved names if it was one of
 * them), and its NATS and Redis users in "Credentials".
 */
export function registerInReadme(text: string, sub: NewSubgraph, ports: Record<string, number>): string {
  const file = new EditedFile("README.md", text);
  const header = file.find(/^\| process +\| port +\| database \(default\) +\|$/, "ports table");
  let end = header + 2;
  while ((file.lines[end] ?? "").startsWith("|")) end++;
  // Reserved ports share one row whose database reads `health_<name>`; the new subgraph leaves it.
  for (let i = end - 1; i >= header + 2; i--) {
    const [names = "", , database] = cells(file.lines[i] ?? "");
    const listed = names.split(",").map((name) => name.trim());
    if (!listed.includes(sub.name)) continue;
    if (database !== "`health_<name>`") file.fail(`a ports row for ${sub.name} is there already`);
    const rest = listed.filter((name) => name !== sub.name);
    const restPorts = rest.map((name) => ports[name] ?? file.fail(`no port for ${name} in ${PORTS_FILE}`));
    if (rest.length > 0) file.lines[i] = `| ${rest.join(", ")} | ${portRange(restPorts)} | ${database} |`;
    else {
      file.lines.splice(i, 1);
      end--;
    }
  }
  const firstPort = (row: string) => Number(/\d+/.exec(cells(row)[1] ?? "")?.[0]);
  let at = end;
  for (let i = header + 2; i < end; i++) {
    if (firstPort(file.lines[i] ?? "") > sub.port) {
      at = i;
      break;
    }
  }
  file.insert(at, [`| ${sub.name} | ${sub.port} | \`health_${sub.name}\` |`]);

  for (const server of ["NATS", "Redis"]) {
    const row = file.find(
      new RegExp(`^\\| the ${server} server \\|`),
      `"the ${server} server" credentials row`,
    );
    const line = file.lines[row] ?? "";
    const users = /for ((?:`[a-z]+`, )*`[a-z]+`)/.exec(line);
    if (!users) return file.fail(`no list of users in "the ${server} server" credentials row`);
    if (users[1]?.includes(`\`${sub.name}\``))
      file.fail(`${sub.name} is in "the ${server} server" row already`);
    file.lines[row] = line.replace(users[0], `${users[0]}, \`${sub.name}\``);
  }
  return file.text;
}
