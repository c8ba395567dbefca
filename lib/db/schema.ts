// Kysely table types, mirroring supabase/migrations (the one source of truth for the schema).
import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string, string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type GeneratedJson = ColumnType<unknown, string | undefined, string>;
type GeneratedId = ColumnType<string, never, never>;
/** bigint columns come back as strings from Postgres; we convert where we read them. */
type BigIntColumn = ColumnType<string | number, number | bigint | undefined, number | bigint>;

export type WriteMode = "ask" | "auto" | "read_only";

export interface AuthUsersTable {
  id: Generated<string>;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: NullableTimestamp;
  raw_user_meta_data: GeneratedJson;
  last_sign_in_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AuthRefreshTokensTable {
  token_hash: string;
  user_id: string;
  session_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  rotated_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** When the session's user last proved who they are (password); carried through rotations. */
  authenticated_at: NullableTimestamp;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ProfilesTable {
  id: string;
  display_name: string | null;
  preferred_model: string | null;
  write_mode: Generated<WriteMode>;
  pii_redaction: Generated<boolean>;
  retention_days: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ConversationsTable {
  id: Generated<string>;
  user_id: string;
  /** null: the author's personal space; otherwise shared with the workspace's members. */
  workspace_id: ColumnType<string | null, string | null | undefined, string | null>;
  title: Generated<string>;
  workbook: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  conversation_id: string;
  user_id: string;
  role: "user" | "assistant" | "system";
  parts: Json;
  context_summary: ColumnType<unknown | null, string | null | undefined, string | null>;
  model: string | null;
  provider: string | null;
  input_tokens: Generated<number>;
  output_tokens: Generated<number>;
  latency_ms: number | null;
  cached: Generated<boolean>;
  status: Generated<"complete" | "incomplete" | "error">;
  created_at: GeneratedTimestamp;
}

export type ServiceType = "analysis" | "generation" | "explanation" | "function";

export interface UsageRecordsTable {
  id: GeneratedId;
  user_id: string;
  service_type: ServiceType;
  prompt_tokens: number;
  completion_tokens: number;
  cost_micros: BigIntColumn;
  model: string;
  provider: string;
  cached: boolean;
  conversation_id: string | null;
  /** The workspace whose pooled quota the chat drew on; null for personal chats. */
  workspace_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: GeneratedTimestamp;
}

export interface CustomersTable {
  user_id: string;
  stripe_customer_id: string;
  created_at: GeneratedTimestamp;
}

export interface SubscriptionsTable {
  id: string;
  user_id: string;
  stripe_customer_id: string;
  status: string;
  price_id: string | null;
  plan: "free" | "pro" | "team";
  cancel_at_period_end: boolean;
  cancel_at: NullableTimestamp;
  current_period_start: NullableTimestamp;
  current_period_end: NullableTimestamp;
  trial_end: NullableTimestamp;
  canceled_at: NullableTimestamp;
  last_event_at: NullableTimestamp;
  /** Set for a workspace's team subscription (its quantity is the seat count); null for a personal plan. */
  workspace_id: ColumnType<string | null, string | null | undefined, string | null>;
  quantity: ColumnType<number, number | undefined, number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface StripeEventsTable {
  id: string;
  type: string;
  created_at: GeneratedTimestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  /** Never empty; values from API_KEY_SCOPES (lib/auth/key-scopes.ts). */
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: GeneratedTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: GeneratedId;
  user_id: string | null;
  action: string;
  ip: string | null;
  metadata: GeneratedJson;
  created_at: GeneratedTimestamp;
}

export interface AddinHeartbeatsTable {
  user_id: string;
  last_seen_at: GeneratedTimestamp;
  host: string | null;
  platform: string | null;
  office_version: string | null;
  addin_version: string | null;
}

/** Cached results of the in-cell AI functions (lib/ai/functions), per user. */
export interface FunctionResultsTable {
  /** Personal rows: the owner. Workspace rows: the member whose call computed the result. */
  user_id: string;
  /** The workspace whose members share the row; null for a personal result. */
  workspace_id: string | null;
  cache_key: string;
  function_name: "ASK" | "CLASSIFY" | "EXTRACT";
  value: Json;
  model: string;
  provider: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

/** The account of a Microsoft Entra ID user, by tenant id and object id. */
export interface EntraIdentitiesTable {
  tenant_id: string;
  object_id: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
}

export type WorkspaceRole = "owner" | "admin" | "member";
export type MaxWriteMode = "ask" | "read_only";
export type ProviderName = "azure" | "openai" | "compatible";

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  created_by: string | null;
  entra_tenant_id: ColumnType<string | null, string | null | undefined, string | null>;
  max_write_mode: ColumnType<MaxWriteMode | null, MaxWriteMode | null | undefined, MaxWriteMode | null>;
  force_pii_redaction: Generated<boolean>;
  retention_days: ColumnType<number | null, number | null | undefined, number | null>;
  allowed_providers: ColumnType<ProviderName[] | null, ProviderName[] | null | undefined, ProviderName[] | null>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface WorkspaceMembersTable {
  workspace_id: string;
  user_id: string;
  role: ColumnType<WorkspaceRole, WorkspaceRole | undefined, WorkspaceRole>;
  created_at: GeneratedTimestamp;
}

export interface WorkspaceInvitesTable {
  id: Generated<string>;
  workspace_id: string;
  role: ColumnType<"admin" | "member", "admin" | "member" | undefined, "admin" | "member">;
  token_hash: string;
  created_by: string | null;
  expires_at: Timestamp;
  accepted_by: string | null;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface WorkspaceAuditLogTable {
  id: GeneratedId;
  workspace_id: string;
  actor_id: string | null;
  action: string;
  target_user_id: string | null;
  metadata: GeneratedJson;
  created_at: GeneratedTimestamp;
}

export interface DB {
  workspaces: WorkspacesTable;
  workspace_members: WorkspaceMembersTable;
  workspace_invites: WorkspaceInvitesTable;
  workspace_audit_log: WorkspaceAuditLogTable;
  "auth.users": AuthUsersTable;
  "auth.refresh_tokens": AuthRefreshTokensTable;
  profiles: ProfilesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  usage_records: UsageRecordsTable;
  customers: CustomersTable;
  subscriptions: SubscriptionsTable;
  stripe_events: StripeEventsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  password_reset_tokens: PasswordResetTokensTable;
  addin_heartbeats: AddinHeartbeatsTable;
  function_results: FunctionResultsTable;
  entra_identities: EntraIdentitiesTable;
}

export type Subscription = Selectable<SubscriptionsTable>;
