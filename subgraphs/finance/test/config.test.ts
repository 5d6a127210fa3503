import { loadConfig } from "@health/platform/config";
import { describe, expect, it } from "vitest";
import { financeConfigSchema } from "../src/config.ts";

describe("finance's config", () => {
  it("runs the local payment provider on development defaults", () => {
    const config = loadConfig(financeConfigSchema, {});
    expect(config).toMatchObject({
      LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: 200,
      LOCAL_PAYMENTS_DECLINE_ENDING: "666",
    });
  });

  it("refuses the development webhook secret in production, naming the variable", () => {
    expect(() => loadConfig(financeConfigSchema, { NODE_ENV: "production" })).toThrow(
      /LOCAL_PAYMENTS_WEBHOOK_SECRET/,
    );
    const secret = "a-production-secret-of-32-characters";
    expect(
      loadConfig(financeConfigSchema, { NODE_ENV: "production", LOCAL_PAYMENTS_WEBHOOK_SECRET: secret }),
    ).toMatchObject({ LOCAL_PAYMENTS_WEBHOOK_SECRET: secret });
  });

  it("refuses a decline ending that is not digits", () => {
    expect(() => loadConfig(financeConfigSchema, { LOCAL_PAYMENTS_DECLINE_ENDING: "6x" })).toThrow(
      /LOCAL_PAYMENTS_DECLINE_ENDING/,
    );
  });
});
