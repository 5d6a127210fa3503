// Preloaded into a process to see what its memory is made of (README.md, "Performance", memory at rest):
//   node --import ./bench/idle/memoryProbe.mjs subgraphs/trade/dist/main.mjs
// On SIGUSR2 it prints one JSON line to stderr: process.memoryUsage(), V8's heap spaces (committed and
// used, MiB) and the code and metadata V8 keeps outside them; with MEMORY_PROBE_SNAPSHOT=<dir> it also
// writes a heap snapshot there (analyse it with bench/idle/heapSnapshotSummary.mjs).
import { join } from "node:path";
import v8 from "node:v8";

const MiB = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

process.on("SIGUSR2", () => {
  const memory = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, MiB(v)]));
  const spaces = Object.fromEntries(
    v8
      .getHeapSpaceStatistics()
      .map((s) => [s.space_name, { committed: MiB(s.physical_space_size), used: MiB(s.space_used_size) }]),
  );
  const code = v8.getHeapCodeStatistics();
  const dir = process.env.MEMORY_PROBE_SNAPSHOT;
  const snapshot = dir ? v8.writeHeapSnapshot(join(dir, `${process.pid}.heapsnapshot`)) : undefined;
  process.stderr.write(
    `${JSON.stringify({
      memoryProbe: process.pid,
      memory,
      spaces,
      code: {
        bytecodeAndMetadata: MiB(code.bytecode_and_metadata_size),
        external: MiB(code.external_script_source_size),
      },
      snapshot,
    })}\n`,
  );
});
