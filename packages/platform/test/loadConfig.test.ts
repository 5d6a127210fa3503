import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/loadConfig.ts";
import { subgraphConfigSchema } from "../src/config/serviceConfig.ts";

describe("loadConfig", () => {
  it("fills local defaults for a developer machine", () => {
    expect(loadConfig(subgraphConfigSchema("user"), {})).toMatchObject({
      PORT: 4002,
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/health_user",
      REDIS_URL: "redis://127.0.0.1:6379",
      NATS_URL: "nats://127.0.0.1:4222",
    });
  });

  it("reports every wrong variable at once, by name and value", () => {
    try {
      loadConfig(subgraphConfigSchema("auth"), { PORT: "eighty", REDIS_URL: "localhost:6379" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^PORT: .*\(got "eighty"\)/);
      expect(problems[1]).toMatch(/^REDIS_URL: .*redis:\/\//);
    }
  });
});
