// npm run privacy:register: writes prisma/ERASURE.md from every subgraph's erasure policy. With --check,
// writes nothing and fails when the committed file differs.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { ERASURE_REGISTER_PATH, erasureRegisterText } from "./erasureRegisterText.ts";

const text = await erasureRegisterText();
const current = existsSync(ERASURE_REGISTER_PATH) ? readFileSync(ERASURE_REGISTER_PATH, "utf8") : "";
if (process.argv.includes("--check")) {
  if (current !== text) {
    console.error(
      "prisma/ERASURE.md differs from the subgraphs' erasure policies. Run: npm run privacy:register",
    );
    process.exit(1);
  }
  console.log("prisma/ERASURE.md matches the erasure policies");
} else {
  writeFileSync(ERASURE_REGISTER_PATH, text);
  console.log(`prisma/ERASURE.md ${current === text ? "unchanged" : "updated"}`);
}
