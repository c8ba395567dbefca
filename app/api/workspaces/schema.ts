import { z } from "zod";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";

const ROLES = ["owner", "admin", "member"] as const;
const INVITE_ROLES = ["admin", "member"] as const;
const PROVIDERS = ["azure", "openai", "compatible"] as const;
const WRITE_MODES = ["ask", "read_only"] as const;

const workspaceName = z
  .string({ error: "name must be a string" })
  .trim()
  .min(1, "name must not be empty")
  .max(100, "name must be at most 100 characters")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "name must not contain control characters")
  .meta({ description: "The workspace's name, shown to its members." });

export const createWorkspaceBody = z.object({ name: workspaceName }).meta({ id: "CreateWorkspaceRequest", examples: [{ name: "Finance team" }] });

/** Any string: a malformed id is "not found", like a workspace the caller is not in. */
export const workspaceParams = z.object({ id: z.string().max(200).meta({ description: "The workspace's id." }) });

export const memberParams = z.object({
  id: z.string().max(200).meta({ description: "The workspace's id." }),
  userId: z.string().max(200).meta({ description: "The member's user id (your own to leave)." }),
});

export const inviteTokenParams = z.object({
  token: z.string().min(1).max(200).meta({ description: "The token from the invite link." }),
});

const policiesSchema = z
  .object({
    maxWriteMode: z
      .enum(WRITE_MODES, { error: `maxWriteMode must be one of: ${WRITE_MODES.join(", ")}, or null` })
      .nullable()
      .meta({ description: "The most members' write mode may allow: `ask` (every change waits for a click) or `read_only` (no changes); null for no cap." }),
    forcePiiRedaction: z.boolean({ error: "forcePiiRedaction must be true or false" }).meta({
      description: "Mask emails, phone numbers, card numbers and IBANs in every workspace chat, whatever each member's own setting.",
    }),
    retentionDays: z
      .number({ error: "retentionDays must be a whole number of days, or null" })
      .int("retentionDays must be a whole number of days")
      .min(1, "retentionDays must be at least 1")
      .max(3650, "retentionDays must be at most 3650")
      .nullable()
      .meta({ description: "Workspace conversations inactive this many days are deleted; null keeps the default (90 days)." }),
    allowedProviders: z
      .array(z.enum(PROVIDERS, { error: `allowedProviders may hold: ${PROVIDERS.join(", ")}` }))
      .min(1, "allowedProviders must name at least one provider, or be null for all")
      .max(PROVIDERS.length)
      .nullable()
      .meta({ description: "AI providers that may answer workspace chats; null for every configured one." }),
  })
  .meta({ id: "WorkspacePolicies" });

export const updateWorkspaceBody = z
  .object({
    name: workspaceName.optional(),
    policies: policiesSchema.partial().optional(),
    entraTenantId: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "entraTenantId must be a Microsoft Entra tenant id (a GUID)")
      // Tokens carry tenant ids in lower case; stored the same way, the link matches them.
      .toLowerCase()
      .nullable()
      .optional()
      .meta({ description: "Link a Microsoft Entra tenant: its users join as members when they sign in with Microsoft. null unlinks." }),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.policies !== undefined || body.entraTenantId !== undefined, {
    message: "send at least one of: name, policies, entraTenantId",
  })
  .meta({ id: "UpdateWorkspaceRequest", examples: [{ policies: { maxWriteMode: "ask", forcePiiRedaction: true } }] });

export const updateMemberBody = z
  .object({ role: z.enum(ROLES, { error: `role must be one of: ${ROLES.join(", ")}` }) })
  .meta({ id: "UpdateMemberRequest", examples: [{ role: "admin" }] });

export const createInviteBody = z
  .object({
    role: z.enum(INVITE_ROLES, { error: `role must be one of: ${INVITE_ROLES.join(", ")}` }).default("member"),
    expiresInDays: z
      .number({ error: "expiresInDays must be a number of days" })
      .int("expiresInDays must be a whole number")
      .min(1, "expiresInDays must be at least 1")
      .max(30, "expiresInDays must be at most 30")
      .default(7),
  })
  .meta({ id: "CreateInviteRequest", examples: [{ role: "member", expiresInDays: 7 }] });

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  before: z.string().regex(/^\d{1,18}$/, "before must be the nextCursor of a previous page").optional(),
});

export const usageQuery = z.object({
  days: z.coerce.number().int().min(1, "days must be at least 1").max(366, "days must be at most 366").default(30),
});

const seatsSchema = z
  .object({
    used: z.number().int().meta({ description: "Members now." }),
    pendingInvites: z.number().int().meta({ description: "Invites that can still be accepted (each holds a seat)." }),
    paid: z.number().int().meta({ description: "Seats the workspace's team subscription pays for." }),
    limit: z.number().int().nullable().meta({ description: "How many members the workspace may have; null when billing is off (no limit)." }),
  })
  .meta({ id: "WorkspaceSeats" });

export const workspaceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(ROLES).meta({ description: "Your role in it." }),
    memberCount: z.number().int(),
    entraTenantId: z.string().nullable(),
    policies: policiesSchema,
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "Workspace" });

export const workspaceDetailSchema = workspaceSchema
  .extend({
    plan: z.enum(["free", "pro", "team"]).meta({ description: "The plan whose limits, per seat, make up the workspace's pooled quota." }),
    seats: seatsSchema,
  })
  .meta({ id: "WorkspaceDetail" });

export const listWorkspacesResponse = z.object({
  workspaces: z.array(workspaceSchema).meta({ description: "The workspaces you are a member of. Your personal space is not one of them: it is where chats without a workspaceId go." }),
});

const memberSchema = z
  .object({
    userId: z.uuid(),
    email: z.string().nullable(),
    displayName: z.string().nullable(),
    role: z.enum(ROLES),
    joinedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "WorkspaceMember" });

export const listMembersResponse = z.object({
  members: z.array(memberSchema).meta({ description: "Owners first, then admins, then members." }),
  invites: z
    .array(z.object({ id: z.uuid(), role: z.enum(INVITE_ROLES), createdAt: z.iso.datetime({ offset: true }), expiresAt: z.iso.datetime({ offset: true }) }))
    .meta({ description: "Open invites (owners and admins only; empty for members). Their tokens are never shown again." }),
});

export const createdInviteResponse = z
  .object({
    url: z.url().meta({ description: "The link to send. Whoever opens it signed in joins the workspace, once." }),
    token: z.string().meta({ description: "The invite token (part of the url). Shown this once; only a hash is stored." }),
    expiresAt: z.iso.datetime({ offset: true }),
    role: z.enum(INVITE_ROLES),
  })
  .meta({ id: "CreatedInvite" });

export const acceptedInviteResponse = z.object({
  workspaceId: z.uuid(),
  role: z.enum(ROLES),
  joined: z.boolean().meta({ description: "False when you were a member already (nothing changed)." }),
});

export const memberChangeResponse = z.object({ userId: z.uuid(), role: z.enum(ROLES).nullable().meta({ description: "The new role; null once removed." }) });

export const deletedWorkspaceResponse = z.object({ deleted: z.literal(true), id: z.string() });

export const workspaceUsageResponse = z.object({
  workspaceId: z.uuid(),
  plan: z.enum(["free", "pro", "team"]),
  periodStart: z.iso.datetime({ offset: true }),
  pooled: z.object({
    requestsToday: z.number().int(),
    requestsPerDay: z.number().int(),
    tokensThisMonth: z.number().int(),
    tokensPerMonth: z.number().int(),
    functionCallsToday: z.number().int().meta({ description: "In-cell function calls computed today in the workspace (cached results are free and not counted)." }),
    functionCallsPerDay: z.number().int(),
  }).meta({ description: `The pooled quota: the plan's limits times the seats (team: ${ENTITLEMENTS.team.requestsPerDay.toLocaleString("en-US")} chats a day per seat).` }),
  members: z.array(
    z.object({
      userId: z.uuid(),
      email: z.string().nullable(),
      requests: z.number().int().meta({ description: "Workspace chats." }),
      functionCalls: z.number().int().meta({ description: "In-cell function calls computed in the workspace (answers from its shared cache are free and not counted)." }),
      tokens: z.number().int(),
      costMicros: z.number().int(),
    }),
  ),
  daily: z.array(z.object({ date: z.string(), userId: z.uuid(), requests: z.number().int(), tokens: z.number().int() })),
});

export const workspaceAuditResponse = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actorId: z.string().nullable(),
      actorEmail: z.string().nullable(),
      targetUserId: z.string().nullable(),
      targetEmail: z.string().nullable(),
      metadata: z.record(z.string(), z.unknown()),
      createdAt: z.iso.datetime({ offset: true }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const seatsCheckoutBody = z
  .object({
    seats: z
      .number({ error: "seats must be a number" })
      .int("seats must be a whole number")
      .min(1, "seats must be at least 1")
      .max(500, "seats must be at most 500"),
  })
  .meta({ id: "SeatsCheckoutRequest", examples: [{ seats: 5 }] });

export const inviteParams = z.object({
  id: z.string().max(200).meta({ description: "The workspace's id." }),
  inviteId: z.string().max(200).meta({ description: "The invite's id, from the members list." }),
});

export const revokedInviteResponse = z.object({ revoked: z.literal(true), id: z.string() });
