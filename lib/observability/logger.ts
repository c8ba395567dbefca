// Structured JSON logs. Never log cell contents, prompts, tokens or secrets: the redact list
// is the last line of defence, callers pass ids and counts only.
import pino from "pino";
import { env } from "@/lib/env";

export const logger = pino({
  level: env.NODE_ENV === "test" && env.LOG_LEVEL === "info" ? "silent" : env.LOG_LEVEL,
  base: undefined,
  redact: {
    paths: [
      "password",
      "*.password",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "headers.cookie",
      "token",
      "*.token",
      "apiKey",
      "*.apiKey",
      "context",
      "*.context",
      "messages",
      "*.messages",
      "prompt",
      "*.prompt",
    ],
    censor: "[redacted]",
  },
});
