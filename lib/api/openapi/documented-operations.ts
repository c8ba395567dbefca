// The public API, operation by operation: which route handler serves it and what a reader needs
// to know about it. Everything the handler already declares to its guard — authentication,
// rate limit, and the zod schemas of its body, query string and path — is read from the handler
// itself (`handler.definition`), so the description cannot disagree with what the route accepts.
// What comes back is described here with the same zod schemas the routes type their answers with.
// tests/integration/api/openapi-routes.test.ts proves every entry is served by the route it names,
// that every route under /api/v1 is listed, and that real answers match these schemas.
import { z } from "zod";
import type { ZodOpenApiContentObject } from "zod-openapi";
import type { RouteHandler } from "@/lib/api/with-route";
import type { ErrorCode } from "@/lib/errors/app-error";
import { seedChatResponseSchema } from "@/lib/ai/chat/response-schemas";
import * as chatRoute from "@/app/api/chat/route";
import * as v1ChatRoute from "@/app/api/v1/chat/route";
import * as v1HistoryRoute from "@/app/api/v1/chat/history/route";
import { clearHistoryResponse, historyResponse } from "@/app/api/v1/chat/history/schema";
import * as v1FunctionsRoute from "@/app/api/v1/functions/route";
import { functionsResponse } from "@/app/api/v1/functions/schema";
import * as conversationsRoute from "@/app/api/conversations/route";
import * as conversationRoute from "@/app/api/conversations/[id]/route";
import {
  conversationDetailResponse,
  deletedConversationResponse,
  listConversationsResponse,
  recordOutcomesResponse,
} from "@/app/api/conversations/schema";
import * as keysRoute from "@/app/api/keys/route";
import * as keyRoute from "@/app/api/keys/[id]/route";
import { apiKeySchema, createdApiKeySchema, listApiKeysResponse } from "@/app/api/keys/schema";
import * as usageRoute from "@/app/api/usage/route";
import { usageResponse } from "@/app/api/usage/schema";
import * as workspacesRoute from "@/app/api/workspaces/route";
import * as workspaceRoute from "@/app/api/workspaces/[id]/route";
import * as membersRoute from "@/app/api/workspaces/[id]/members/route";
import * as memberRoute from "@/app/api/workspaces/[id]/members/[userId]/route";
import * as invitesRoute from "@/app/api/workspaces/[id]/invites/route";
import * as inviteRoute from "@/app/api/workspaces/[id]/invites/[inviteId]/route";
import * as acceptInviteRoute from "@/app/api/invites/[token]/accept/route";
import * as workspaceUsageRoute from "@/app/api/workspaces/[id]/usage/route";
import * as workspaceAuditRoute from "@/app/api/workspaces/[id]/audit/route";
import {
  acceptedInviteResponse,
  createdInviteResponse,
  deletedWorkspaceResponse,
  listMembersResponse,
  listWorkspacesResponse,
  memberChangeResponse,
  revokedInviteResponse,
  workspaceAuditResponse,
  workspaceDetailSchema,
  workspaceSchema,
  workspaceUsageResponse,
} from "@/app/api/workspaces/schema";
import * as healthRoute from "@/app/api/health/route";
import { healthResponse } from "@/app/api/health/schema";

type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export const API_TAGS = [
  { name: "Chat", description: "Ask about a selection. Guests may chat too, with a small daily quota per address and nothing stored." },
  { name: "Functions", description: "The in-cell functions =AI.ASK, =AI.CLASSIFY and =AI.EXTRACT, computed in batches; cached results are free." },
  { name: "History", description: "Stored conversations: list, search, read, delete." },
  { name: "API keys", description: "Keys for scripts and the add-in. A key acts as you; it is shown once." },
  { name: "Usage", description: "Your plan, what you have used against its limits, and what it cost." },
  {
    name: "Workspaces",
    description:
      "Team workspaces: members share conversations, a seat count and a pooled quota, under policies their admins set. " +
      "Managing them needs a signed-in session; an API key cannot.",
  },
  { name: "Service", description: "Whether the service is up." },
] as const;

type ApiTag = (typeof API_TAGS)[number]["name"];

interface SuccessResponse {
  status: 200 | 201;
  description: string;
  /** One entry per media type the route may answer with. */
  content: ZodOpenApiContentObject;
  /** Headers beside those every answer carries (X-Request-Id, the rate-limit headers). */
  headers?: z.ZodObject;
  /**
   * The schema real answers are checked against in the route tests (the JSON one, when the route
   * answers in several media types).
   */
  schema?: z.ZodType;
}

export interface DocumentedOperation {
  method: HttpMethod;
  /** OpenAPI form: `/api/keys/{id}`. */
  path: string;
  handler: RouteHandler;
  tag: ApiTag;
  operationId: string;
  summary: string;
  description?: string;
  success: SuccessResponse;
  /** Refusals of this operation beyond those its guard implies (bad input, credentials, rate limit). */
  errors?: ErrorCode[];
}

function json(schema: z.ZodType, description: string, status: 200 | 201 = 200): SuccessResponse {
  return { status, description, content: { "application/json": { schema } }, schema };
}

const STREAM_DESCRIPTION = [
  "With `messages`: the answer streamed as Server-Sent Events in the AI SDK UI message stream protocol (v1, as `useChat` reads it).",
  "Each event is `data: <JSON chunk>`; the stream ends with `data: [DONE]`. Chunks arrive in this order: `start` (with `messageId` and",
  "`messageMetadata.conversationId`), `start-step`, `text-start` / `text-delta` / `text-end` for the text, `tool-input-available` for",
  "each proposed change to the workbook (a client-side tool call: the add-in previews it and applies it only when the user approves),",
  "`finish-step`, then `finish` whose `messageMetadata` carries the model, provider, token usage, cost and whether the answer was",
  "cached or came from the offline analyst. A failure mid-answer is an `error` chunk, not an HTTP error: the status is already sent.",
].join(" ");

const STREAM_EXAMPLE = [
  'data: {"type":"start","messageId":"6a1f…","messageMetadata":{"conversationId":"2d9c…"}}',
  'data: {"type":"start-step"}',
  'data: {"type":"text-start","id":"t1"}',
  'data: {"type":"text-delta","id":"t1","delta":"Q1 totals 2,180 across both regions."}',
  'data: {"type":"text-end","id":"t1"}',
  'data: {"type":"finish-step"}',
  'data: {"type":"finish","finishReason":"stop","messageMetadata":{"status":"complete","cached":false}}',
  "data: [DONE]",
  "",
].join("\n\n");

export const DOCUMENTED_OPERATIONS: readonly DocumentedOperation[] = [
  {
    method: "post",
    path: "/api/chat",
    handler: chatRoute.POST,
    tag: "Chat",
    operationId: "streamChat",
    summary: "Stream an answer about the selection",
    description:
      "The chat the add-in and the dashboard use. Send the conversation as AI SDK UI `messages` and get the answer as a stream, " +
      "or send a single `message` and get the whole answer as JSON (the same answer as POST /api/v1/chat), so add-ins built " +
      "against the older JSON contract keep working. Read-only questions are answered from the selection; changes the model " +
      "proposes arrive as tool calls that the client applies only after the user approves them.",
    success: {
      status: 200,
      description: "The answer: a stream for `messages`, JSON for `message`.",
      content: {
        "text/event-stream": {
          schema: z.string().meta({ description: STREAM_DESCRIPTION, examples: [STREAM_EXAMPLE] }),
        },
        "application/json": { schema: seedChatResponseSchema },
      },
      headers: z.object({
        "X-Conversation-Id": z.string().optional().meta({ description: "The conversation the answer is stored in (streams of signed-in users)." }),
        "X-Quota": z
          .string()
          .optional()
          .meta({
            description:
              "What is left of the caller's quota: chats today (this one counted) and model tokens this month (before this answer's), " +
              "e.g. `plan=guest, requests-remaining=3, requests-limit=10, tokens-remaining=18000, tokens-limit=20000`.",
          }),
        "x-vercel-ai-ui-message-stream": z.literal("v1").optional().meta({ description: "Sent with the stream: the protocol version." }),
      }),
      schema: seedChatResponseSchema,
    },
    errors: ["not_found", "quota_exceeded"],
  },
  {
    method: "post",
    path: "/api/v1/chat",
    handler: v1ChatRoute.POST,
    tag: "Chat",
    operationId: "askChat",
    summary: "Ask a question and get the whole answer as JSON",
    description:
      "The simplest way to ask: one question, optionally about a selection, answered in one JSON document once the whole answer " +
      "is ready and stored. Pass `conversationId` from an earlier answer to continue that conversation.",
    success: json(seedChatResponseSchema, "The answer, with how it was produced and the analysis of the selection."),
    errors: ["not_found", "quota_exceeded"],
  },
  {
    method: "post",
    path: "/api/v1/functions",
    handler: v1FunctionsRoute.POST,
    tag: "Functions",
    operationId: "computeFunctions",
    summary: "Compute a batch of in-cell AI functions",
    description:
      "What the add-in sends when cells with =AI.ASK, =AI.CLASSIFY or =AI.EXTRACT recalculate: up to 50 calls, each answered on its own " +
      "(one bad call never fails the others). Results are cached for 30 days per account by function, arguments, model and prompt version: " +
      "a cached result is marked `cached`, costs nothing and counts against no limit. Computed calls count against the plan's function calls " +
      "per minute and per day; over a limit the call's error says which limit and when it resets. API keys need the `chat` scope.",
    success: json(functionsResponse, "One result per call: a value, or an error for that call alone."),
  },
  {
    method: "get",
    path: "/api/v1/chat/history",
    handler: v1HistoryRoute.GET,
    tag: "History",
    operationId: "listChatHistory",
    summary: "List my questions and answers",
    description: "Every question with the answer it got, across all conversations, newest first, a page at a time.",
    success: json(historyResponse, "A page of question-and-answer pairs."),
  },
  {
    method: "delete",
    path: "/api/v1/chat/history",
    handler: v1HistoryRoute.DELETE,
    tag: "History",
    operationId: "clearChatHistory",
    summary: "Delete all of my conversations",
    description:
      "Deletes every conversation of your personal space and its messages (conversations shared in a workspace belong to the workspace). It cannot be undone.",
    success: json(clearHistoryResponse, "The history is gone."),
  },
  {
    method: "get",
    path: "/api/conversations",
    handler: conversationsRoute.GET,
    tag: "History",
    operationId: "listConversations",
    summary: "List or search my conversations",
    description:
      "Your personal conversations, or with `workspaceId` a workspace's (every member's, each with its author), newest activity first. " +
      "With `q`, only conversations whose title or messages contain the words.",
    success: json(listConversationsResponse, "A page of conversations."),
  },
  {
    method: "get",
    path: "/api/conversations/{id}",
    handler: conversationRoute.GET,
    tag: "History",
    operationId: "getConversation",
    summary: "Read one conversation",
    description: "The conversation with all of its messages. An answer still being written is waited for briefly.",
    success: json(conversationDetailResponse, "The conversation and its messages, oldest first."),
    errors: ["not_found"],
  },
  {
    method: "patch",
    path: "/api/conversations/{id}",
    handler: conversationRoute.PATCH,
    tag: "History",
    operationId: "recordProposalOutcomes",
    summary: "Record what I did with proposed changes",
    description:
      "Tells the server that proposals in the conversation's answers were applied, rejected or undone, as soon as it happens, " +
      "so the conversation reopens with them decided instead of offering them again.",
    success: json(recordOutcomesResponse, "The outcomes are stored."),
    errors: ["not_found"],
  },
  {
    method: "delete",
    path: "/api/conversations/{id}",
    handler: conversationRoute.DELETE,
    tag: "History",
    operationId: "deleteConversation",
    summary: "Delete one conversation",
    success: json(deletedConversationResponse, "The conversation and its messages are gone."),
    errors: ["not_found"],
  },
  {
    method: "post",
    path: "/api/keys",
    handler: keysRoute.POST,
    tag: "API keys",
    operationId: "createApiKey",
    summary: "Create an API key",
    description: "The answer holds the key itself, this once; only a hash is stored. A user may hold 20 active keys.",
    success: json(createdApiKeySchema, "The new key.", 201),
  },
  {
    method: "get",
    path: "/api/keys",
    handler: keysRoute.GET,
    tag: "API keys",
    operationId: "listApiKeys",
    summary: "List my API keys",
    success: json(listApiKeysResponse, "My keys, without the keys themselves."),
  },
  {
    method: "delete",
    path: "/api/keys/{id}",
    handler: keyRoute.DELETE,
    tag: "API keys",
    operationId: "revokeApiKey",
    summary: "Revoke an API key",
    description: "The key stops working on every server at once.",
    success: json(apiKeySchema, "The revoked key."),
    errors: ["not_found"],
  },
  {
    method: "get",
    path: "/api/usage",
    handler: usageRoute.GET,
    tag: "Usage",
    operationId: "getUsage",
    summary: "My plan, usage, limits and cost",
    description:
      "Chats today and tokens this month as the quota counts them (what the next chat is checked against), this month's cost, " +
      "the response-cache hit rate, and a daily series.",
    success: json(usageResponse, "Usage against the plan's limits."),
  },
  {
    method: "get",
    path: "/api/workspaces",
    handler: workspacesRoute.GET,
    tag: "Workspaces",
    operationId: "listWorkspaces",
    summary: "List my workspaces",
    success: json(listWorkspacesResponse, "The workspaces I am a member of, with my role in each."),
  },
  {
    method: "post",
    path: "/api/workspaces",
    handler: workspacesRoute.POST,
    tag: "Workspaces",
    operationId: "createWorkspace",
    summary: "Create a workspace",
    description: "I become its owner. A user may own 20 workspaces.",
    success: json(workspaceSchema, "The new workspace.", 201),
  },
  {
    method: "get",
    path: "/api/workspaces/{id}",
    handler: workspaceRoute.GET,
    tag: "Workspaces",
    operationId: "getWorkspace",
    summary: "Read a workspace",
    description: "My role, its policies, its seats (members, open invites, paid) and the plan behind its pooled quota.",
    success: json(workspaceDetailSchema, "The workspace."),
    errors: ["not_found"],
  },
  {
    method: "patch",
    path: "/api/workspaces/{id}",
    handler: workspaceRoute.PATCH,
    tag: "Workspaces",
    operationId: "updateWorkspace",
    summary: "Rename a workspace or change its policies",
    description:
      "Owners and admins. Policies apply on the server to every member's request in the workspace: the write mode is capped, " +
      "PII redaction forced, conversations kept for the retention days, and only the allowed providers called.",
    success: json(workspaceDetailSchema, "The workspace as changed."),
    errors: ["forbidden", "not_found"],
  },
  {
    method: "delete",
    path: "/api/workspaces/{id}",
    handler: workspaceRoute.DELETE,
    tag: "Workspaces",
    operationId: "deleteWorkspace",
    summary: "Delete a workspace",
    description: "Owners only. Its shared conversations are deleted with it; members keep their personal spaces.",
    success: json(deletedWorkspaceResponse, "The workspace is gone."),
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/workspaces/{id}/members",
    handler: membersRoute.GET,
    tag: "Workspaces",
    operationId: "listWorkspaceMembers",
    summary: "List members and open invites",
    success: json(listMembersResponse, "The members; open invites for owners and admins."),
    errors: ["not_found"],
  },
  {
    method: "patch",
    path: "/api/workspaces/{id}/members/{userId}",
    handler: memberRoute.PATCH,
    tag: "Workspaces",
    operationId: "updateWorkspaceMember",
    summary: "Change a member's role",
    description: "Owners and admins; only an owner makes or unmakes an owner. The last owner cannot be demoted.",
    success: json(memberChangeResponse, "The member's new role."),
    errors: ["forbidden", "not_found"],
  },
  {
    method: "delete",
    path: "/api/workspaces/{id}/members/{userId}",
    handler: memberRoute.DELETE,
    tag: "Workspaces",
    operationId: "removeWorkspaceMember",
    summary: "Remove a member, or leave",
    description: "Owners and admins remove members; anyone leaves with their own user id. The last owner cannot leave.",
    success: json(memberChangeResponse, "The member is out; they lose access to the workspace's conversations at once."),
    errors: ["forbidden", "not_found"],
  },
  {
    method: "post",
    path: "/api/workspaces/{id}/invites",
    handler: invitesRoute.POST,
    tag: "Workspaces",
    operationId: "createWorkspaceInvite",
    summary: "Create an invite link",
    description:
      "Owners and admins. The link works once, until it expires; its token is shown this once. Members plus open invites " +
      "may not exceed the workspace's seats: past them the answer is 402 payment_required.",
    success: json(createdInviteResponse, "The invite link.", 201),
    errors: ["payment_required", "forbidden", "not_found"],
  },
  {
    method: "delete",
    path: "/api/workspaces/{id}/invites/{inviteId}",
    handler: inviteRoute.DELETE,
    tag: "Workspaces",
    operationId: "revokeWorkspaceInvite",
    summary: "Revoke an invite link",
    success: json(revokedInviteResponse, "The link no longer works."),
    errors: ["forbidden", "not_found"],
  },
  {
    method: "post",
    path: "/api/invites/{token}/accept",
    handler: acceptInviteRoute.POST,
    tag: "Workspaces",
    operationId: "acceptWorkspaceInvite",
    summary: "Join a workspace by invite",
    description: "A used, revoked, expired or unknown token is the same 404. Joining past the seats is 402 payment_required.",
    success: json(acceptedInviteResponse, "I am a member (or was already)."),
    errors: ["payment_required", "not_found"],
  },
  {
    method: "get",
    path: "/api/workspaces/{id}/usage",
    handler: workspaceUsageRoute.GET,
    tag: "Workspaces",
    operationId: "getWorkspaceUsage",
    summary: "Pooled quota and usage per member",
    description: "Owners and admins: the pool (the plan's limits times the seats) and each member's chats, tokens and cost.",
    success: json(workspaceUsageResponse, "The workspace's usage."),
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/workspaces/{id}/audit",
    handler: workspaceAuditRoute.GET,
    tag: "Workspaces",
    operationId: "getWorkspaceAudit",
    summary: "The workspace's audit log",
    description: "Owners and admins: membership, invites, roles, policies and seats, newest first, a page at a time.",
    success: json(workspaceAuditResponse, "A page of entries."),
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/health",
    handler: healthRoute.GET,
    tag: "Service",
    operationId: "getHealth",
    summary: "Liveness",
    description: "Answers as long as the server runs; it touches no dependency, so probing it adds no load.",
    success: json(healthResponse, "The server is up."),
  },
];
