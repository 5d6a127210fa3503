import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/loadConfig.ts";
import { subgraphConfigSchema } from "../src/config/serviceConfig.ts";
import { inboxPrefixFor, natsAuthOptions } from "../src/nats/natsAuth.ts";

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("natsAuthOptions", () => {
  it("connects anonymously when nothing is set, as on a developer machine", () => {
    expect(natsAuthOptions(loadConfig(subgraphConfigSchema("user"), {}))).toEqual({});
  });

  it("passes a user and password, or a token", () => {
    expect(natsAuthOptions({ NATS_USER: "user", NATS_PASSWORD: "secret" })).toEqual({
      user: "user",
      pass: "secret",
    });
    expect(natsAuthOptions({ NATS_TOKEN: "t0ken" })).toEqual({ token: "t0ken" });
  });

  it("reads a creds file into an authenticator", () => {
    const path = join(tmpdir(), `nats-${process.pid}.creds`);
    writeFileSync(path, "not a real creds file");
    expect(typeof natsAuthOptions({ NATS_CREDS: path }).authenticator).toBe("function");
    expect(problemsOf(() => natsAuthOptions({ NATS_CREDS: `${path}.missing` }))).toEqual([
      expect.stringMatching(/^NATS_CREDS: cannot read/),
    ]);
  });

  it("names every variable that contradicts another", () => {
    expect(problemsOf(() => natsAuthOptions({ NATS_USER: "user" }))).toEqual([
      expect.stringMatching(/^NATS_PASSWORD: missing/),
    ]);
    expect(problemsOf(() => natsAuthOptions({ NATS_PASSWORD: "secret", NATS_TOKEN: "t" }))).toEqual([
      expect.stringMatching(/^NATS_USER: missing/),
      expect.stringMatching(/only one way .* NATS_USER\/NATS_PASSWORD and NATS_TOKEN/),
    ]);
  });

  it("refuses an empty credential at start-up instead of connecting anonymously", () => {
    expect(problemsOf(() => loadConfig(subgraphConfigSchema("trade"), { NATS_PASSWORD: "" }))).toEqual([
      expect.stringMatching(/^NATS_PASSWORD: must not be empty/),
    ]);
  });
});

describe("inboxPrefixFor", () => {
  it("is one subject token per process name", () => {
    expect(inboxPrefixFor("dynamic")).toBe("_INBOX_dynamic");
    expect(inboxPrefixFor("dead letters.cli")).toBe("_INBOX_dead_letters_cli");
  });
});
