import type { HeapFigures, ResidentMemory } from "./memory.ts";

/** A subgraph idles under this much RSS (issue 14 point 5); the router and media server have no target. */
export const SUBGRAPH_RSS_TARGET_MIB = 120;

export interface ProcessMemory {
  name: string;
  memory: ResidentMemory | null;
  heap: HeapFigures | null;
}

const mib = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(0));

/** The markdown table of each process's memory at rest, with the floor of a bare Node beside it. */
export function memoryTable(
  processes: ProcessMemory[],
  bare: ResidentMemory,
  isSubgraph: (name: string) => boolean,
): string {
  const measured = processes.filter((p) => p.memory !== null);
  const rows = measured.map(({ name, memory, heap }) => {
    const m = memory!;
    const mark = isSubgraph(name) ? (m.rssMiB < SUBGRAPH_RSS_TARGET_MIB ? " ✔" : " ✘") : "";
    return `| ${name} | **${mib(m.rssMiB)}**${mark} | ${mib(m.anonMiB)} | ${mib(m.fileMiB)} | ${mib(m.peakMiB)} | ${mib(heap?.heapUsedMiB)} / ${mib(heap?.heapTotalMiB)} | ${mib(heap?.externalMiB)} | ${(m.rssMiB / bare.rssMiB).toFixed(2)}× |`;
  });
  const subgraphs = measured.filter((p) => isSubgraph(p.name)).map((p) => p.memory!.rssMiB);
  const over = subgraphs.filter((rss) => rss >= SUBGRAPH_RSS_TARGET_MIB).length;
  return `### Memory at rest, per process (at the window's end)

RSS is every resident page (what a container limit counts): anonymous (heaps, wasm, native) + file-backed
(the node binary and libraries, shared between processes). Peak is VmHWM (start-up included). Heap and
external are V8's own figures from /metrics. Baseline: a bare \`node\` with the same flags, in this run.

| process | RSS MiB (target < ${SUBGRAPH_RSS_TARGET_MIB} per subgraph) | anon | file | peak | V8 heap used / total | external | RSS / bare node |
| --- | --: | --: | --: | --: | --: | --: | --: |
${rows.join("\n")}
| bare node (baseline) | ${mib(bare.rssMiB)} | ${mib(bare.anonMiB)} | ${mib(bare.fileMiB)} | ${mib(bare.peakMiB)} | | | 1.00× |

Subgraphs: ${subgraphs.length}, RSS ${mib(Math.min(...subgraphs))}–${mib(Math.max(...subgraphs))} MiB, ${
    over === 0
      ? `every one under ${SUBGRAPH_RSS_TARGET_MIB} MiB ✔`
      : `${over} at or over ${SUBGRAPH_RSS_TARGET_MIB} MiB ✘`
  }; sum of all processes' RSS ${mib(measured.reduce((sum, p) => sum + p.memory!.rssMiB, 0))} MiB.
`;
}
