// npm run new:subgraph -- <name> <port> (issue 18 point 7): writes subgraphs/<name>/, prisma/<name>/ with its
// first migration, its Kubernetes manifest, and registers it wherever a subgraph must be known (README,
// "Adding a subgraph"). Checks everything first: on bad input it writes nothing.
import { join } from "node:path";
import { databaseUrlFor, isConnectionError, postgresUnreachableMessage } from "@health/platform/migrate";
import { prismaMigration } from "./newSubgraph/migration.ts";
import { planNewSubgraph, writePlan } from "./newSubgraph/plan.ts";
import { RequestError, USAGE } from "./newSubgraph/request.ts";
import { RegistrationError } from "./newSubgraph/textEdits.ts";

const REPO_ROOT = join(import.meta.dirname, "..");

const nextSteps = (name: string) => `
Next:
  npm install               links @health/subgraph-${name} into the workspace (commit the package-lock.json it updates)
  npm run prisma:generate   its Prisma client (subgraphs/${name}/src/generated/prisma; npm install runs it too)
  npm run compose           prints its SDL and recomposes schema/ (commit schema/)
  npm run privacy:register  adds its tables to prisma/ERASURE.md (commit it)
  npm test                  its conformance test (subgraphs/${name}/test) runs with the others
Then give it its data: prisma/${name}/schema.prisma + npm run db:new-migration ${name} <what>, model/, resolvers/,
domain/, and its seed endpoints in subgraphs/${name}/README.md; name each new table in src/privacy/policy.ts,
and export and erase what it holds about a person (src/privacy/index.ts). npm start runs it on its port.`;

try {
  const plan = await planNewSubgraph(REPO_ROOT, process.argv.slice(2), prismaMigration);
  writePlan(REPO_ROOT, plan);
  const { name, port } = plan.subgraph;
  console.log(`Subgraph ${name} on port ${port}.\n\nWrote:`);
  for (const path of plan.created.keys()) console.log(`  ${path}`);
  console.log("Registered it in:");
  for (const path of plan.updated.keys()) console.log(`  ${path}`);
  console.log(nextSteps(name));
} catch (error) {
  if (error instanceof RequestError) console.error(`${error.message}\n\n${USAGE}\n\nNothing was written.`);
  else if (isConnectionError(error)) {
    console.error(
      `${postgresUnreachableMessage(databaseUrlFor(process.argv[2] ?? "postgres"))}\n\nNothing was written.`,
    );
  } else if (error instanceof RegistrationError) console.error(`${error.message}\n\nNothing was written.`);
  else throw error;
  process.exitCode = 1;
}
