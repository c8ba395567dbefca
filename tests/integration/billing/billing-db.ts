// Reads billing state straight from the database (as the server), for assertions. Imported
// dynamically by the tests, after the environment is set.
import { withServiceDb } from "@/lib/db/with-rls";

export function subscriptionRow(id: string) {
  return withServiceDb((tx) => tx.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirst());
}

export function subscriptionsOf(userId: string) {
  return withServiceDb((tx) => tx.selectFrom("subscriptions").selectAll().where("user_id", "=", userId).execute());
}

export async function eventRecorded(id: string) {
  return Boolean(await withServiceDb((tx) => tx.selectFrom("stripe_events").select("id").where("id", "=", id).executeTakeFirst()));
}

export function planChanges(userId: string) {
  return withServiceDb((tx) =>
    tx
      .selectFrom("audit_log")
      .select(["metadata", "created_at"])
      .where("user_id", "=", userId)
      .where("action", "=", "billing.plan_changed")
      .orderBy("id")
      .execute(),
  ).then((rows) => rows.map((row) => row.metadata as Record<string, unknown>));
}

export function customerRowsOf(userId: string) {
  return withServiceDb((tx) => tx.selectFrom("customers").selectAll().where("user_id", "=", userId).execute());
}
