// Billing rows: Stripe customers, subscriptions and processed webhook events (for idempotency).
// Users read their own rows under RLS; only the server writes, as service_role.
import "server-only";
import { sql, type Kysely } from "kysely";
import { AppError } from "@/lib/errors/app-error";
import type { DB, Subscription } from "./schema";
import { withServiceDb, withUserDb, type DbClaims, type Tx } from "./with-rls";

type PlanName = Subscription["plan"];

// Team outranks pro: a user with both (mid-switch) gets the better one.
const planRank = sql<number>`case plan when 'team' then 2 when 'pro' then 1 else 0 end`;

/** The plan of the user's best trialing or active subscription (no row: none). */
export function entitledPlanQuery(tx: Kysely<DB>, userId: string) {
  return tx
    .selectFrom("subscriptions")
    .select("plan")
    .where("user_id", "=", userId)
    // A workspace's team subscription entitles the workspace (its pooled quota), not its buyer.
    .where("workspace_id", "is", null)
    // Literal, not bound parameters, so the planner can always use the partial index
    // subscriptions_user_entitled_idx (its predicate is this exact list).
    .where(sql<boolean>`status in ('trialing', 'active')`)
    .orderBy(planRank, "desc")
    .limit(1);
}

/** The plan of the user's best trialing/active subscription, or null (one indexed query). */
export async function findEntitledPlan({ userId, claims }: { userId: string; claims?: DbClaims }): Promise<PlanName | null> {
  const query = (tx: Tx) => entitledPlanQuery(tx, userId).executeTakeFirst();
  const row = claims ? await withUserDb(claims, query) : await withServiceDb(query);
  return row?.plan ?? null;
}

/**
 * A subscription that still exists in Stripe's eyes (not canceled or incomplete_expired), if
 * any: a user with one must change it in the portal instead of starting a second one.
 */
export async function findLiveSubscription({ claims }: { claims: DbClaims }): Promise<{ plan: PlanName; status: string } | null> {
  const row = await withUserDb(claims, (tx) =>
    tx
      .selectFrom("subscriptions")
      .select(["plan", "status"])
      .where("user_id", "=", claims.sub)
      .where("workspace_id", "is", null)
      .where("status", "not in", ["canceled", "incomplete_expired"])
      .orderBy(planRank, "desc")
      .limit(1)
      .executeTakeFirst(),
  );
  return row ?? null;
}

// Customers ---------------------------------------------------------------------------------

export async function findStripeCustomerId({ userId }: { userId: string }): Promise<string | null> {
  const row = await withServiceDb((tx) =>
    tx.selectFrom("customers").select("stripe_customer_id").where("user_id", "=", userId).executeTakeFirst(),
  );
  return row?.stripe_customer_id ?? null;
}

/**
 * Records the user's Stripe customer. The first writer wins (user_id is the primary key), so
 * two checkouts racing each other both end up with the same stored customer id.
 */
export async function saveStripeCustomer({ userId, stripeCustomerId }: { userId: string; stripeCustomerId: string }): Promise<string> {
  const stored = await withServiceDb(async (tx) => {
    await tx
      .insertInto("customers")
      .values({ user_id: userId, stripe_customer_id: stripeCustomerId })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    return tx.selectFrom("customers").select("stripe_customer_id").where("user_id", "=", userId).executeTakeFirst();
  });
  // Only possible when this Stripe customer is already linked to another user.
  if (!stored) throw new AppError("internal", "Could not link the billing account. Try again.");
  return stored.stripe_customer_id;
}

// What the billing page shows ---------------------------------------------------------------

export interface SubscriptionSummary {
  id: string;
  status: string;
  plan: PlanName;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
}

/** The caller's own billing rows (RLS): the subscription that matters most, and whether a customer exists. */
export async function getSubscriptionSummary({ claims }: { claims: DbClaims }): Promise<{ hasCustomer: boolean; subscription: SubscriptionSummary | null }> {
  return withUserDb(claims, async (tx) => {
    const customer = await tx.selectFrom("customers").select("user_id").where("user_id", "=", claims.sub).executeTakeFirst();
    // An entitling subscription first (the best plan), else the most recently changed one,
    // so a lapsed subscription still explains why the user is on free.
    const row = await tx
      .selectFrom("subscriptions")
      .select(["id", "status", "plan", "cancel_at_period_end", "cancel_at", "current_period_end", "trial_end"])
      .where("user_id", "=", claims.sub)
      // A workspace's seats are shown with the workspace, not as the buyer's plan.
      .where("workspace_id", "is", null)
      .orderBy(sql`status in ('trialing', 'active')`, "desc")
      .orderBy(planRank, "desc")
      .orderBy("updated_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return {
      hasCustomer: Boolean(customer),
      subscription: row
        ? {
            id: row.id,
            status: row.status,
            plan: row.plan,
            cancelAtPeriodEnd: row.cancel_at_period_end,
            cancelAt: row.cancel_at,
            currentPeriodEnd: row.current_period_end,
            trialEnd: row.trial_end,
          }
        : null,
    };
  });
}

// Webhook processing: everything below runs inside processStripeEventOnce's transaction -------

export async function isStripeEventProcessed({ eventId }: { eventId: string }): Promise<boolean> {
  const row = await withServiceDb((tx) => tx.selectFrom("stripe_events").select("id").where("id", "=", eventId).executeTakeFirst());
  return Boolean(row);
}

/**
 * Runs `effect` at most once per Stripe event id. The id is inserted first, in the same
 * transaction as the effect: a concurrent duplicate delivery blocks on the primary key until
 * this transaction ends, then finds the row and does nothing; a failed effect rolls the id
 * back with it, so Stripe's retry processes the event again.
 */
export async function processStripeEventOnce<T>(
  { eventId, type }: { eventId: string; type: string },
  effect: (tx: Tx) => Promise<T>,
): Promise<{ duplicate: true } | { duplicate: false; result: T }> {
  return withServiceDb(async (tx) => {
    const inserted = await tx
      .insertInto("stripe_events")
      .values({ id: eventId, type })
      .onConflict((conflict) => conflict.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { duplicate: true as const };
    return { duplicate: false as const, result: await effect(tx) };
  });
}

/**
 * Serializes work on one key (a subscription, a user) until the transaction ends, so the
 * transaction that re-fetches from Stripe last is also the one that writes last.
 */
export async function lockBillingKey({ tx, key }: { tx: Tx; key: string }) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`billing:${key}`}, 0))`.execute(tx);
}

export async function findUserIdByStripeCustomer({ tx, stripeCustomerId }: { tx: Tx; stripeCustomerId: string }): Promise<string | null> {
  const row = await tx.selectFrom("customers").select("user_id").where("stripe_customer_id", "=", stripeCustomerId).executeTakeFirst();
  return row?.user_id ?? null;
}

export async function userExists({ tx, userId }: { tx: Tx; userId: string }): Promise<boolean> {
  const row = await tx.selectFrom("auth.users").select("id").where("id", "=", userId).executeTakeFirst();
  return Boolean(row);
}

/** Links a customer found through subscription metadata; an existing link is kept. */
export async function linkStripeCustomer({ tx, userId, stripeCustomerId }: { tx: Tx; userId: string; stripeCustomerId: string }) {
  await tx
    .insertInto("customers")
    .values({ user_id: userId, stripe_customer_id: stripeCustomerId })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

export async function findEntitledPlanInTx({ tx, userId }: { tx: Tx; userId: string }): Promise<PlanName | null> {
  return (await entitledPlanQuery(tx, userId).executeTakeFirst())?.plan ?? null;
}

export interface SubscriptionWrite {
  id: string;
  userId: string;
  stripeCustomerId: string;
  status: string;
  priceId: string | null;
  plan: PlanName;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  canceledAt: Date | null;
  eventCreatedAt: Date;
  /** The workspace a team subscription pays seats for (null: the buyer's own plan). */
  workspaceId: string | null;
  quantity: number;
}

/** Upserts by Stripe subscription id with the state Stripe reports now. */
export async function upsertSubscription({ tx, subscription: s }: { tx: Tx; subscription: SubscriptionWrite }) {
  const state = {
    stripe_customer_id: s.stripeCustomerId,
    status: s.status,
    price_id: s.priceId,
    plan: s.plan,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    cancel_at: s.cancelAt,
    current_period_start: s.currentPeriodStart,
    current_period_end: s.currentPeriodEnd,
    trial_end: s.trialEnd,
    canceled_at: s.canceledAt,
    quantity: s.quantity,
  };
  await tx
    .insertInto("subscriptions")
    .values({ id: s.id, user_id: s.userId, last_event_at: s.eventCreatedAt, workspace_id: s.workspaceId, ...state })
    .onConflict((conflict) =>
      conflict.column("id").doUpdateSet({
        // user_id and workspace_id are kept: a subscription never moves to another user or workspace.
        ...state,
        last_event_at: sql`greatest(subscriptions.last_event_at, excluded.last_event_at)`,
      }),
    )
    .execute();
}

/** The seats a subscription paid for before this event (null: not stored yet). */
export async function storedSeats({ tx, subscriptionId }: { tx: Tx; subscriptionId: string }) {
  return (
    (await tx.selectFrom("subscriptions").select(["workspace_id", "quantity", "status"]).where("id", "=", subscriptionId).executeTakeFirst()) ?? null
  );
}

/** The workspace exists (a checkout's metadata is only trusted for one that does). */
export async function workspaceExists({ tx, workspaceId }: { tx: Tx; workspaceId: string }): Promise<boolean> {
  return Boolean(await tx.selectFrom("workspaces").select("id").where("id", "=", workspaceId).executeTakeFirst());
}

/** A change of a workspace's paid seats, in its audit log. */
export async function recordSeatsChange({ tx, workspaceId, actorId, metadata }: { tx: Tx; workspaceId: string; actorId: string; metadata: Record<string, unknown> }) {
  await tx
    .insertInto("workspace_audit_log")
    .values({ workspace_id: workspaceId, actor_id: actorId, action: "billing.seats_changed", metadata: JSON.stringify(metadata) })
    .execute();
}

export async function recordPlanChange({ tx, userId, metadata }: { tx: Tx; userId: string; metadata: Record<string, unknown> }) {
  await tx
    .insertInto("audit_log")
    .values({ user_id: userId, action: "billing.plan_changed", ip: null, metadata: JSON.stringify(metadata) })
    .execute();
}

/** Subscriptions Stripe could still charge, for cancelling them before an account is erased. */
export async function listChargeableSubscriptionIds({ userId }: { userId: string }): Promise<string[]> {
  const rows = await withServiceDb((tx) =>
    tx
      .selectFrom("subscriptions")
      .select("id")
      .where("user_id", "=", userId)
      .where("status", "not in", ["canceled", "incomplete_expired"])
      .execute(),
  );
  return rows.map((row) => row.id);
}
