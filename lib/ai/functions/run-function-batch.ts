// A batch of in-cell function calls (POST /api/v1/functions), each answered on its own: a bad
// argument, a refused limit or a failed model call is that call's error and never its
// neighbours'. The order of work:
//   0. a batch that names a workspace is the workspace's: the caller must be a member (anyone
//      else gets the same not_found as for a workspace that does not exist, for the whole batch,
//      before any cache is read), its admin policies apply (only the providers it allows; PII
//      redaction when it forces it), its cache is shared by its members and its pooled quota
//      pays. Membership is read from the database on every batch, so a removed member loses
//      access with their next recalculation;
//   1. validate and normalise every call's arguments (function-args.ts), masking PII when the
//      user or the workspace asks for it (redact-function-args.ts);
//   2. look every call up in the cache (KV, then the table): a hit is answered at once, costs
//      nothing and counts against no limit;
//   3. identical calls in the batch are computed once;
//   4. the plan's per-minute and per-day limits admit what is left (in part when only part fits);
//      when a model answers, the most the admitted calls can cost is set aside from the month's
//      tokens at once, and the calls that do not fit are refused. In a workspace, the pool's
//      limits: the workspace plan's times its seats, as for its chats;
//   5. the model answers (bounded concurrency, temperature 0, no tools), or, with no model
//      configured, the deterministic methods (offline-functions.ts);
//   6. results are stored in the cache and metered (one usage row per computed call, service
//      type `function`, tokens to the month's allowance; the row names the workspace).
import "server-only";
import type { UserPrincipal } from "@/lib/auth/principal";
import { costMicros } from "@/lib/ai/pricing";
import { getProviderChain } from "@/lib/ai/providers/get-provider-chain";
import { preferProvider } from "@/lib/ai/providers/prefer-provider";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import { getPreferences } from "@/lib/db/profiles";
import { allowedProviders, loadChatWorkspace, withWorkspacePolicies, type ChatWorkspace } from "@/lib/workspaces/chat-workspace";
import { OFFLINE_MODEL, OFFLINE_PROVIDER } from "@/lib/ai/offline-analyst";
import { insertUsageRecords, type NewUsageRecord } from "@/lib/db/usage-records";
import type { StoredFunctionResult } from "@/lib/db/function-results";
import { env } from "@/lib/env";
import { holdTokens, type TokenHold } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { admitFunctionCalls } from "@/lib/limits/function-call-limits";
import { resolvePlan } from "@/lib/limits/resolve-plan";
import { logger } from "@/lib/observability/logger";
import { callFunctionModel } from "./call-function-model";
import { normalizeFunctionArgs, parseFunctionName, type CellScalar, type FunctionArgs } from "./function-args";
import { functionCacheKey, readFunctionCache, writeFunctionCache, type FunctionCacheScope } from "./function-cache";
import { buildFunctionPrompt } from "./function-prompts";
import { estimateTokens } from "@/lib/excel/estimate-tokens";
import { withModelSlot } from "./model-concurrency";
import { runOffline } from "./offline-functions";
import { redactFunctionArgs } from "./redact-function-args";
import { shapeCellValue } from "./shape-cell-value";

export interface FunctionCall {
  id: string;
  name: string;
  args: unknown[];
}

export type FunctionErrorCode = "bad_request" | "not_found" | "rate_limited" | "quota_exceeded" | "provider_unavailable" | "internal";

/** How a value was made: by the model, or by a deterministic method (no model configured). */
export type FunctionSource = "model" | "deterministic";

export type FunctionResult =
  | { id: string; value: CellScalar; cached: boolean; source: FunctionSource }
  | { id: string; error: { code: FunctionErrorCode; message: string } };

/** How long a batch's calls may wait for a model slot before they are left for a recalculation. */
const QUEUE_BUDGET_MS = 30_000;
const MODEL_BUSY: Computed = { ok: false, code: "rate_limited", message: "Busy: the AI model is answering many cells at once. Recalculate in a moment." };

/** Deterministic results are keyed under this model, apart from any model's. */
const DETERMINISTIC_MODEL = "deterministic-functions";

interface Pending {
  id: string;
  args: FunctionArgs;
  key: string;
}

/** What computing a call spent: a model reply that made no valid value still cost its tokens. */
interface Spent {
  source: FunctionSource;
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
}

type Computed = ({ ok: true; value: CellScalar } & Spent) | { ok: false; code: FunctionErrorCode; message: string; spent?: Spent };

export async function runFunctionBatch(input: {
  principal: UserPrincipal;
  calls: readonly FunctionCall[];
  /** The workspace the pane works in (members only); null or omitted: the personal space. */
  workspaceId?: string | null;
}): Promise<FunctionResult[]> {
  const { principal } = input;
  const [stored, workspace] = await Promise.all([
    getPreferences({ claims: principal.claims }),
    input.workspaceId ? loadChatWorkspace({ claims: principal.claims, workspaceId: input.workspaceId }) : null,
  ]);
  const preferences = withWorkspacePolicies(stored, workspace);
  // The model the user chose in settings answers first, as in chat, among the providers the
  // workspace allows; it is part of every cache key.
  const chain = preferProvider(allowedProviders(getProviderChain(), workspace), preferences.preferredModel);
  const scope: FunctionCacheScope = { userId: principal.userId, workspaceId: workspace?.id ?? null };
  const primary = chain.providers[0];
  const model = primary ? primary.modelId : DETERMINISTIC_MODEL;
  const provider = primary ? primary.name : OFFLINE_PROVIDER;
  const results = new Map<string, FunctionResult>();
  const pending: Pending[] = [];

  for (const call of input.calls) {
    const name = parseFunctionName(call.name);
    if (!name) {
      results.set(call.id, { id: call.id, error: { code: "bad_request", message: `Unknown function "${call.name.slice(0, 40)}": use ASK, CLASSIFY or EXTRACT.` } });
      continue;
    }
    const parsed = normalizeFunctionArgs(name, call.args);
    if (!parsed.ok) {
      results.set(call.id, { id: call.id, error: { code: "bad_request", message: parsed.message } });
      continue;
    }
    const args = preferences.piiRedaction ? redactFunctionArgs(parsed.args) : parsed.args;
    pending.push({ id: call.id, args, key: functionCacheKey({ args, model, provider }) });
  }

  const cached = await readFunctionCache({ scope, claims: principal.claims, keys: [...new Set(pending.map((p) => p.key))] });
  const toCompute = new Map<string, Pending[]>();
  for (const call of pending) {
    const hit = cached.get(call.key);
    if (hit) {
      results.set(
        call.id,
        typeof hit.value === "object"
          ? { id: call.id, error: hit.value.error }
          : { id: call.id, value: hit.value, cached: true, source: hit.provider === OFFLINE_PROVIDER ? "deterministic" : "model" },
      );
    } else {
      toCompute.set(call.key, [...(toCompute.get(call.key) ?? []), call]);
    }
  }

  if (toCompute.size > 0) {
    const computed = await computeUncached({ principal, workspace, scope, chain, groups: [...toCompute.values()] });
    for (const [key, outcome] of computed) {
      for (const call of toCompute.get(key) ?? []) {
        results.set(
          call.id,
          outcome.ok ? { id: call.id, value: outcome.value, cached: false, source: outcome.source } : { id: call.id, error: { code: outcome.code, message: outcome.message } },
        );
      }
    }
  }

  return input.calls.map((call) => results.get(call.id) ?? { id: call.id, error: { code: "internal", message: "This call was not answered; recalculate to try again." } });
}

async function computeUncached(input: {
  principal: UserPrincipal;
  workspace: ChatWorkspace | null;
  scope: FunctionCacheScope;
  chain: ProviderChain;
  groups: Pending[][];
}): Promise<Map<string, Computed>> {
  const { principal, workspace, scope, chain, groups } = input;
  const online = chain.providers.length > 0;
  // A workspace's calls draw on its pool, like its chats: the workspace's plan times its seats.
  const identifier = workspace ? workspace.identifier : `user:${principal.userId}`;
  const seats = workspace?.seats;
  const outcomes = new Map<string, Computed>();
  const plan = workspace ? workspace.plan : await resolvePlan({ userId: principal.userId, claims: principal.claims });

  const admission = await admitFunctionCalls({ plan, identifier, seats, pooled: workspace !== null, count: groups.length, scale: env.RATE_LIMIT_SCALE });
  let admitted = groups.slice(0, admission.admitted);
  for (const group of groups.slice(admission.admitted)) {
    const refusal = admission.refusal ?? { code: "rate_limited" as const, message: "Busy: recalculate in a moment." };
    outcomes.set(group[0].key, { ok: false, code: refusal.code, message: refusal.message });
  }

  // Model calls spend tokens: the most the admitted calls can cost is set aside at once (with every
  // other batch and chat), and only the calls that fit in what was set aside are made.
  let hold: TokenHold | null = null;
  if (online && admitted.length > 0) {
    const costs = admitted.map((group) => mostTokensOf(group[0].args));
    hold = await holdTokens({ plan, seats, identifier, tokens: costs.reduce((sum, cost) => sum + cost, 0), atLeast: costs[0] });
    let fit = 0;
    for (let spent = 0; fit < admitted.length && spent + costs[fit] <= hold.heldTokens; fit++) spent += costs[fit];
    if (fit < admitted.length) {
      const whose = workspace ? `the workspace's pool (${plan} plan, ${workspace.seats} ${workspace.seats === 1 ? "seat" : "seats"})` : `the ${plan} plan`;
      const limit = hold.tokens?.limit ?? 0;
      const resets = hold.tokens?.resetsAt.slice(0, 10) ?? "the 1st of next month";
      const message = `Monthly limit reached: the ${limit.toLocaleString("en-US")} tokens of ${whose} are used or set aside for answers in progress. It resets on ${resets}. Cached results stay free. ${ENTITLEMENTS[plan].upgradeHint}`;
      for (const group of admitted.slice(fit)) outcomes.set(group[0].key, { ok: false, code: "quota_exceeded", message });
      admitted = admitted.slice(0, fit);
    }
  }

  // A call still queued for a model slot this long after the batch began is not started: the
  // request must answer within the platform's time limit, and that cell can be recalculated.
  const startBy = Date.now() + QUEUE_BUDGET_MS;
  await Promise.all(
    admitted.map(async (group) => {
      const { args, key } = group[0];
      outcomes.set(
        key,
        online ? await withModelSlot(async () => (Date.now() > startBy ? MODEL_BUSY : computeWithModel(chain, args))) : computeOffline(args),
      );
    }),
  );

  const stored: StoredFunctionResult[] = [];
  const usage: NewUsageRecord[] = [];
  let tokens = 0;
  for (const group of admitted) {
    const outcome = outcomes.get(group[0].key);
    const spent = outcome?.ok ? outcome : outcome?.spent;
    if (outcome?.ok) stored.push({ cacheKey: group[0].key, functionName: group[0].args.name, value: outcome.value, model: outcome.model, provider: outcome.provider });
    // A settled "no label fits" or "nothing to extract" would be the same answer again (temperature
    // 0, or a deterministic method): cached too, so recalculating it is free.
    else if (outcome?.code === "not_found") {
      const by = outcome.spent ?? { model: DETERMINISTIC_MODEL, provider: OFFLINE_PROVIDER };
      stored.push({ cacheKey: group[0].key, functionName: group[0].args.name, value: { error: { code: "not_found", message: outcome.message } }, model: by.model, provider: by.provider });
    }
    if (!spent) continue;
    tokens += spent.inputTokens + spent.outputTokens;
    usage.push({
      userId: principal.userId,
      serviceType: "function",
      promptTokens: spent.inputTokens,
      completionTokens: spent.outputTokens,
      costMicros: spent.source === "model" ? costMicros({ model: spent.model, provider: spent.provider, inputTokens: spent.inputTokens, outputTokens: spent.outputTokens }) : 0,
      model: spent.model,
      provider: spent.provider,
      cached: false,
      conversationId: null,
      workspaceId: workspace?.id ?? null,
    });
  }
  // The values are already made: storing and metering failures are logged, never the cells' errors.
  const logFailure = (what: string) => (error: unknown) => logger.error({ error: error instanceof Error ? error.message : String(error) }, what);
  await Promise.all([
    writeFunctionCache({ scope, claims: principal.claims, results: stored }).catch(logFailure("function cache write failed")),
    insertUsageRecords(usage).catch(logFailure("function usage records failed")),
    hold ? hold.settle(tokens) : Promise.resolve(true),
  ]);
  return outcomes;
}

/** The most a call can cost: its prompt, estimated on the high side, and its longest reply. */
function mostTokensOf(args: FunctionArgs): number {
  const prompt = buildFunctionPrompt(args);
  return estimateTokens(prompt.system) + estimateTokens(prompt.prompt) + prompt.maxOutputTokens;
}

async function computeWithModel(chain: ProviderChain, args: FunctionArgs): Promise<Computed> {
  const reply = await callFunctionModel(chain, buildFunctionPrompt(args));
  if (!reply) return { ok: false, code: "provider_unavailable", message: "The AI model did not answer. Recalculate to try again." };
  const spent: Spent = { source: "model", model: reply.model, provider: reply.provider, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens };
  const shaped = shapeCellValue(args, reply.text);
  if (!shaped.ok) return { ok: false, code: shaped.code, message: shaped.message, spent };
  return { ok: true, value: shaped.value, ...spent };
}

function computeOffline(args: FunctionArgs): Computed {
  const outcome = runOffline(args);
  if (!outcome.ok) return outcome;
  return { ok: true, value: outcome.value, source: "deterministic", model: OFFLINE_MODEL, provider: OFFLINE_PROVIDER, inputTokens: 0, outputTokens: 0 };
}
