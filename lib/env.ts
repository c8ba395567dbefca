// The environment, parsed once with zod. Nothing else reads `process.env`: every module asks `env`
// (values) or `runtimeModes()` (which adapter each swappable part uses, docs/architecture.md). A
// malformed variable stops start-up with a message that names it (see instrumentation.ts).
import { z } from "zod";

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`)
      .optional(),
  );
const positiveNumber = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().positive().default(fallback));
const csv = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    ),
);

export const PROVIDER_NAMES = ["azure", "openai", "compatible", "mock"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export const PLAN_NAMES = ["free", "pro", "team"] as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),

    // Database: a Postgres server when set, else the embedded PGlite under DATA_DIR.
    DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),

    // Auth: Supabase when both public values are set, else local accounts.
    NEXT_PUBLIC_SUPABASE_URL: optionalUrl(["https:", "http:"]),
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalString,
    SUPABASE_SECRET_KEY: optionalString,
    AUTH_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, "must be at least 32 characters").optional(),
    ),

    // Microsoft sign-in: Entra ID access tokens for this app registration are accepted as bearer
    // tokens when ENTRA_CLIENT_ID is set (docs/security.md).
    ENTRA_CLIENT_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be the app registration's Application (client) ID, a GUID")
        .transform((value) => value.toLowerCase())
        .optional(),
    ),
    ENTRA_JWKS_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((value) => {
          try {
            return ["https:", "http:"].includes(new URL(value).protocol);
          } catch {
            return false;
          }
        }, "must be a URL starting with https:// or http://")
        .default("https://login.microsoftonline.com/common/discovery/v2.0/keys"),
    ),
    // Tenants whose users may sign in, comma-separated tenant ids; unset: any tenant.
    ENTRA_TENANTS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .optional()
        .transform((value, ctx) => {
          const ids = (value ?? "")
            .split(",")
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean);
          for (const id of ids) {
            if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
              ctx.addIssue({ code: "custom", message: `"${id}" is not a tenant id: list Directory (tenant) IDs, GUIDs separated by commas` });
              return z.NEVER;
            }
          }
          return ids;
        }),
    ),

    // KV: Upstash REST, Redis over TCP, else in-process.
    KV_REST_API_URL: optionalUrl(["https:", "http:"]),
    KV_REST_API_TOKEN: optionalString,
    REDIS_URL: optionalUrl(["redis:", "rediss:"]),
    // Namespaces every KV key, so preview deployments (or test runs) can share one store.
    KV_PREFIX: z.preprocess(
      emptyToUndefined,
      z.string().max(64).regex(/^[\w:.-]*$/, "may contain letters, digits and _ : . - only").default(""),
    ),

    // AI providers, tried in AI_PROVIDER_ORDER; with none configured the offline analyst answers.
    AZURE_OPENAI_API_KEY: optionalString,
    AZURE_OPENAI_RESOURCE_NAME: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-zA-Z0-9-]+$/, "must be the bare resource name, e.g. my-resource")
        .optional(),
    ),
    AZURE_OPENAI_BASE_URL: optionalUrl(["https:", "http:"]),
    AZURE_OPENAI_DEPLOYMENT: optionalString,
    AZURE_OPENAI_API_VERSION: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl(["https:", "http:"]),
    OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().default("gpt-4o-mini")),
    OPENAI_COMPATIBLE_BASE_URL: optionalUrl(["https:", "http:"]),
    OPENAI_COMPATIBLE_MODEL: optionalString,
    OPENAI_COMPATIBLE_API_KEY: optionalString,
    AI_PROVIDER_ORDER: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("azure,openai,compatible")
        .transform((value, ctx) => {
          const names = value
            .split(",")
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean);
          for (const name of names) {
            if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
              ctx.addIssue({
                code: "custom",
                message: `unknown provider "${name}"; allowed: azure, openai, compatible, mock`,
              });
              return z.NEVER;
            }
          }
          return names as ProviderName[];
        }),
    ),
    AI_TIMEOUT_MS: positiveNumber(30_000),
    // A deterministic local model for benchmarks and demos (AI_PROVIDER_ORDER=mock).
    MOCK_MODEL_TOKENS: positiveNumber(40),
    MOCK_MODEL_DELAY_MS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).default(0)),
    // Benchmark-only routes (app/api/bench/*) answer 404 unless this is "true"; `npm run bench`
    // sets it for the server it starts. Never enable it in production.
    BENCH_ROUTES: z.preprocess(
      emptyToUndefined,
      z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    ),

    // Billing: Stripe when the secret key is set, else off and everyone gets DEFAULT_PLAN.
    STRIPE_SECRET_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_PRICE_PRO: optionalString,
    STRIPE_PRICE_TEAM: optionalString,
    STRIPE_API_BASE_URL: optionalUrl(["https:", "http:"]),
    DEFAULT_PLAN: z.preprocess(emptyToUndefined, z.enum(PLAN_NAMES).default("free")),

    // Email (password reset links): SMTP when SMTP_URL is set, else written to the server log.
    SMTP_URL: optionalUrl(["smtp:", "smtps:"]),
    EMAIL_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(320)
        .refine(
          (value) => /^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$/.test(value) || /^[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/.test(value),
          'must be an email address, alone or as "Name <address@example.com>"',
        )
        .default("Excel AI Assistant <no-reply@localhost.localdomain>"),
    ),

    // Edge concerns.
    APP_URL: optionalUrl(["https:", "http:"]),
    ALLOWED_ORIGINS: csv,
    CRON_SECRET: optionalString,
    METRICS_TOKEN: optionalString,
    RATE_LIMIT_SCALE: positiveNumber(1),
    // How many reverse proxies in front of the app append to X-Forwarded-For (and may be trusted
    // for X-Forwarded-Host/Proto). 0: none, every proxy header is a client's word and ignored.
    // Ignored on Vercel, whose platform headers are used instead (lib/api/client-ip.ts).
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("0")
        .transform((value, ctx) => {
          const text = value.trim().toLowerCase();
          if (text === "false") return 0;
          if (/^\d{1,2}$/.test(text) && Number(text) <= 10) return Number(text);
          ctx.addIssue({
            code: "custom",
            message:
              text === "true"
                ? 'must be the number of trusted proxy hops (0-10), not "true": "true" trusted whatever X-Forwarded-For a client sent. Set 1 for one reverse proxy in front of the app, 2 for a CDN in front of that proxy, 0 for none'
                : `must be the number of trusted proxy hops, a whole number from 0 to 10 (got "${value}")`,
          });
          return z.NEVER;
        }),
    ),
    // Set to "1" by Vercel on its deployments: the platform's client-address headers are used.
    VERCEL: z.preprocess(emptyToUndefined, z.string().optional().transform((value) => value === "1")),
  })
  .superRefine((value, ctx) => {
    const supabase = value.NEXT_PUBLIC_SUPABASE_URL || value.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;
    if (supabase && !(value.NEXT_PUBLIC_SUPABASE_URL && value.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [value.NEXT_PUBLIC_SUPABASE_URL ? "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY" : "NEXT_PUBLIC_SUPABASE_URL"],
        message: "Supabase Auth needs both NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY",
      });
    }
    if (supabase && !value.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required with Supabase Auth: set it to the Supabase Postgres connection string",
      });
    }
    if (Boolean(value.KV_REST_API_URL) !== Boolean(value.KV_REST_API_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: [value.KV_REST_API_URL ? "KV_REST_API_TOKEN" : "KV_REST_API_URL"],
        message: "Vercel KV / Upstash needs both KV_REST_API_URL and KV_REST_API_TOKEN",
      });
    }
    if (value.AZURE_OPENAI_API_KEY && !(value.AZURE_OPENAI_RESOURCE_NAME || value.AZURE_OPENAI_BASE_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["AZURE_OPENAI_RESOURCE_NAME"],
        message: "Azure OpenAI needs AZURE_OPENAI_RESOURCE_NAME or AZURE_OPENAI_BASE_URL",
      });
    }
    if (value.AZURE_OPENAI_API_KEY && !value.AZURE_OPENAI_DEPLOYMENT) {
      ctx.addIssue({ code: "custom", path: ["AZURE_OPENAI_DEPLOYMENT"], message: "is required with AZURE_OPENAI_API_KEY" });
    }
    if (Boolean(value.OPENAI_COMPATIBLE_BASE_URL) !== Boolean(value.OPENAI_COMPATIBLE_MODEL)) {
      ctx.addIssue({
        code: "custom",
        path: [value.OPENAI_COMPATIBLE_BASE_URL ? "OPENAI_COMPATIBLE_MODEL" : "OPENAI_COMPATIBLE_BASE_URL"],
        message: "an OpenAI-compatible server needs both OPENAI_COMPATIBLE_BASE_URL and OPENAI_COMPATIBLE_MODEL",
      });
    }
    if (value.STRIPE_SECRET_KEY) {
      for (const name of ["STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_PRICE_TEAM"] as const) {
        if (!value[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required with STRIPE_SECRET_KEY" });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      `Invalid environment configuration:\n${issues
        .map((issue) => `  - ${issue.variable}: ${issue.message}`)
        .join("\n")}`,
    );
    this.name = "EnvError";
  }
}

/** Parses an environment object; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

export interface RuntimeModes {
  database: "postgres" | "pglite";
  auth: "supabase" | "local";
  kv: "upstash" | "redis" | "memory";
  ai: ProviderName[] | "offline";
  billing: "stripe" | "off";
}

/** Which adapter each swappable part uses: the one place the choice is made (unset = embedded). */
export function runtimeModes(value: Env = env): RuntimeModes {
  const configured = value.AI_PROVIDER_ORDER.filter((name) => {
    if (name === "azure") return Boolean(value.AZURE_OPENAI_API_KEY);
    if (name === "openai") return Boolean(value.OPENAI_API_KEY);
    if (name === "compatible") return Boolean(value.OPENAI_COMPATIBLE_BASE_URL);
    return true; // mock is explicit opt-in through AI_PROVIDER_ORDER
  });
  return {
    database: value.DATABASE_URL ? "postgres" : "pglite",
    auth: value.NEXT_PUBLIC_SUPABASE_URL ? "supabase" : "local",
    kv: value.KV_REST_API_URL ? "upstash" : value.REDIS_URL ? "redis" : "memory",
    ai: configured.length > 0 ? configured : "offline",
    billing: value.STRIPE_SECRET_KEY ? "stripe" : "off",
  };
}

// biome-ignore lint/style/noProcessEnv: the one place that reads process.env
export const env: Env = parseEnv(process.env);

/**
 * A variable that the mode in use guarantees: the schema refuses a configuration that picks the
 * mode without it (a Supabase URL without its key, Azure without a deployment). Throws, naming
 * the variable, if it is read outside that mode.
 */
export function requiredEnv<K extends keyof Env>(value: Env, name: K): NonNullable<Env[K]> {
  const found = value[name];
  if (found === undefined || found === null) throw new Error(`${String(name)} is not set`);
  return found;
}
