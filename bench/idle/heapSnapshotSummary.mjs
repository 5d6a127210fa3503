// What a .heapsnapshot holds, in MiB (README.md, "Performance", memory at rest):
//   node bench/idle/heapSnapshotSummary.mjs <file.heapsnapshot> [rows]
// Prints self size by node type, retained size by constructor (summed over the objects of that
// constructor that no other object of it dominates), and the largest single retainers. Retained sizes
// come from the dominator tree (Cooper, Harvey and Kennedy's iterative algorithm over the snapshot's graph,
// from its root, weak edges left out, as DevTools does).
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) throw new Error("usage: heapSnapshotSummary.mjs <file.heapsnapshot> [rows]");
const rows = Number(process.argv[3] ?? 20);
const snap = JSON.parse(readFileSync(file, "utf8"));
const { meta } = snap.snapshot;
const nodeWidth = meta.node_fields.length;
const edgeWidth = meta.edge_fields.length;
const [typeAt, nameAt, selfAt, edgeCountAt] = ["type", "name", "self_size", "edge_count"].map((f) =>
  meta.node_fields.indexOf(f),
);
const [edgeTypeAt, edgeToAt] = ["type", "to_node"].map((f) => meta.edge_fields.indexOf(f));
const nodeTypes = meta.node_types[0];
const weakEdge = meta.edge_types[0].indexOf("weak");
const count = snap.nodes.length / nodeWidth;

// Children of each node (edge targets as node ordinals), from the flat edge list.
const firstEdge = new Uint32Array(count + 1);
for (let n = 0; n < count; n++) firstEdge[n + 1] = firstEdge[n] + snap.nodes[n * nodeWidth + edgeCountAt];
const target = (e) => snap.edges[e * edgeWidth + edgeToAt] / nodeWidth;
const strong = (e) => snap.edges[e * edgeWidth + edgeTypeAt] !== weakEdge;

// Reverse postorder from the root (node 0), iteratively.
const order = new Int32Array(count).fill(-1);
const postorder = [];
const stack = [[0, firstEdge[0]]];
order[0] = 0;
while (stack.length) {
  const top = stack[stack.length - 1];
  const [node, edge] = top;
  if (edge < firstEdge[node + 1]) {
    top[1]++;
    if (!strong(edge)) continue;
    const child = target(edge);
    if (order[child] === -1) {
      order[child] = 0;
      stack.push([child, firstEdge[child]]);
    }
  } else {
    postorder.push(node);
    stack.pop();
  }
}
const rank = new Int32Array(count).fill(-1);
postorder.forEach((node, i) => {
  rank[node] = i;
});
const predecessors = Array.from({ length: count }, () => []);
for (const node of postorder)
  for (let e = firstEdge[node]; e < firstEdge[node + 1]; e++)
    if (strong(e)) predecessors[target(e)].push(node);

const idom = new Int32Array(count).fill(-1);
idom[0] = 0;
const intersect = (a, b) => {
  while (a !== b) {
    while (rank[a] < rank[b]) a = idom[a];
    while (rank[b] < rank[a]) b = idom[b];
  }
  return a;
};
for (let changed = true; changed; ) {
  changed = false;
  for (let i = postorder.length - 2; i >= 0; i--) {
    const node = postorder[i];
    let dom = -1;
    for (const p of predecessors[node]) if (idom[p] !== -1) dom = dom === -1 ? p : intersect(p, dom);
    if (dom !== idom[node]) {
      idom[node] = dom;
      changed = true;
    }
  }
}

const selfSize = (n) => snap.nodes[n * nodeWidth + selfAt];
const retained = new Float64Array(count);
for (const node of postorder) retained[node] += selfSize(node);
for (const node of postorder) if (node !== 0) retained[idom[node]] += retained[node];

const typeOf = (n) => nodeTypes[snap.nodes[n * nodeWidth + typeAt]];
const nameOf = (n) => snap.strings[snap.nodes[n * nodeWidth + nameAt]];
const label = (n) => {
  const type = typeOf(n);
  return type === "object" || type === "closure" || type === "code" || type === "hidden"
    ? `${type} ${nameOf(n)}`
    : type;
};
const MiB = (bytes) => (bytes / 2 ** 20).toFixed(2);
const print = (title, entries) => {
  console.log(`\n${title}`);
  for (const [name, bytes] of entries.sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${MiB(bytes).padStart(8)} MiB  ${name.slice(0, 110)}`);
};

const byType = new Map();
let total = 0;
for (const node of postorder) {
  byType.set(typeOf(node), (byType.get(typeOf(node)) ?? 0) + selfSize(node));
  total += selfSize(node);
}
console.log(`${file}: ${postorder.length} reachable nodes, ${MiB(total)} MiB reachable self size`);
print("Self size by node type", [...byType]);

// Retained by label, counting only objects whose dominator chain holds no other object of that label.
const byLabel = new Map();
for (const node of postorder) {
  const own = label(node);
  let dominated = false;
  for (let d = idom[node]; d !== 0 && d !== -1; d = idom[d])
    if (label(d) === own) {
      dominated = true;
      break;
    }
  if (!dominated) byLabel.set(own, (byLabel.get(own) ?? 0) + retained[node]);
}
print("Retained size by constructor / kind", [...byLabel]);
print(
  "Largest single retainers (excluding the root and synthetic roots)",
  postorder.filter((n) => typeOf(n) !== "synthetic").map((n) => [`${label(n)} #${n}`, retained[n]]),
);
