import { z } from "zod";
import { API_KEY_PREFIX } from "@/lib/auth/api-keys";
import { API_KEY_SCOPES, apiKeyScopesSchema } from "@/lib/auth/key-scopes";

export const createKeyBody = z
  .object({
    name: z
      .string({ error: "name is required" })
      .trim()
      .min(1, "name must not be empty")
      .max(100, "name must be at most 100 characters")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "name must not contain control characters")
      .meta({ description: "A label to recognise the key by, e.g. where it is used." }),
    /** What the key may do; omitted, it gets every scope (as the dashboard's default). */
    scopes: apiKeyScopesSchema
      .optional()
      .meta({ description: `What the key may do: ${API_KEY_SCOPES.join(", ")}. Omitted, the key gets all of them.` }),
  })
  .meta({ id: "CreateApiKeyRequest", examples: [{ name: "Monthly report script", scopes: ["chat", "usage"] }] });

export const keyParams = z.object({
  id: z.uuid({ error: "id must be an API key id (a UUID)" }).meta({ description: "The key's id, from the list or from creation." }),
});

/** A user may hold this many active keys. */
export const MAX_ACTIVE_KEYS = 20;

/** A key as listed: never the key itself, which only its creation returns. */
export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: "The key's first characters, to tell keys apart.", examples: [`${API_KEY_PREFIX}Q2x9`] }),
    createdAt: z.iso.datetime({ offset: true }),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
    revokedAt: z.iso.datetime({ offset: true }).nullable().meta({ description: "Set once the key is revoked; a revoked key is refused everywhere." }),
    scopes: z.array(z.enum(API_KEY_SCOPES)).meta({ description: "What the key may do." }),
  })
  .meta({ id: "ApiKey" });

export const createdApiKeySchema = apiKeySchema
  .extend({
    key: z.string().startsWith(API_KEY_PREFIX).meta({
      description: "The key. Shown this once and stored only as a hash: copy it now. Send it as `Authorization: Bearer <key>`.",
    }),
  })
  .meta({ id: "CreatedApiKey" });

export const listApiKeysResponse = z.object({ keys: z.array(apiKeySchema).meta({ description: "Newest first, revoked keys included." }) });
