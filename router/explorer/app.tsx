import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import type { Environment } from "monaco-editor";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";

/** Worker file names (content-hashed), injected by scripts/buildExplorer.mjs. */
declare const EXPLORER_WORKERS: { editor: string; json: string; graphql: string };

// Workers are separate files next to this bundle, so resolve them against our own URL: the page lives at
// the GraphQL path while the assets live under the explorer's asset path.
const workerUrl = (file: string): URL => new URL(file, import.meta.url);

const monacoEnvironment: Environment = {
  getWorker(_workerId, label) {
    switch (label) {
      case "json":
        return new Worker(workerUrl(EXPLORER_WORKERS.json), { name: label });
      case "graphql":
        return new Worker(workerUrl(EXPLORER_WORKERS.graphql), { name: label });
      default:
        return new Worker(workerUrl(EXPLORER_WORKERS.editor), { name: label });
    }
  },
};
(globalThis as { MonacoEnvironment?: Environment }).MonacoEnvironment = monacoEnvironment;

const graphqlUrl = new URL(location.pathname, location.origin);
const subscriptionUrl = new URL(graphqlUrl);
subscriptionUrl.protocol = location.protocol === "https:" ? "wss:" : "ws:";

const fetcher = createGraphiQLFetcher({
  url: graphqlUrl.href,
  subscriptionUrl: subscriptionUrl.href,
});

const container = document.getElementById("explorer");
if (!container) throw new Error("index.html has no #explorer element");

// Pasted bearer tokens stay out of localStorage unless the user opts in from GraphiQL's settings.
createRoot(container).render(<GraphiQL fetcher={fetcher} shouldPersistHeaders={false} />);
