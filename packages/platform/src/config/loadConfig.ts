import type { z } from "zod";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment with `schema`, reporting every problem at once, each naming the variable
 * and what is wrong, so one failed start shows all that needs fixing.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.join(".") || "(environment)";
      const value = env[variable];
      return `${variable}: ${issue.message}${value === undefined ? "" : ` (got "${value}")`}`;
    }),
  );
}
