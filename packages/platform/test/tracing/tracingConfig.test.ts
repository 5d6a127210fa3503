import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/loadConfig.ts";
import { tracingConfigSchema, tracingSettings } from "../../src/tracing/tracingConfig.ts";

const settingsOf = (env: Record<string, string>) =>
  tracingSettings(loadConfig(tracingConfigSchema, env), "trade");

describe("tracing configuration", () => {
  it("is off with no endpoint, and names the service after the process", () => {
    expect(settingsOf({})).toEqual({
      endpoint: undefined,
      serviceName: "trade",
      samplerRatio: 1,
      exportTimeoutMs: 10_000,
      maxQueueSize: 2_048,
      scheduleDelayMs: 5_000,
    });
  });

  it("sends to <base>/v1/traces, or to the traces endpoint as given, which wins", () => {
    expect(settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }).endpoint).toBe(
      "http://collector:4318/v1/traces",
    );
    expect(
      settingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://other:9999/traces",
      }).endpoint,
    ).toBe("http://other:9999/traces");
  });

  it("is off when OTEL_SDK_DISABLED=true, whatever the endpoint", () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" };
    expect(settingsOf(env).endpoint).toBeUndefined();
  });

  it("reports every wrong variable at once, by name", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317",
      OTEL_TRACES_SAMPLER_ARG: "1.5",
      OTEL_SERVICE_NAME: "",
    };
    try {
      loadConfig(tracingConfigSchema, env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT: .*http/);
      expect(problems).toMatch(/OTEL_TRACES_SAMPLER_ARG/);
      expect(problems).toMatch(/OTEL_SERVICE_NAME/);
    }
  });
});
