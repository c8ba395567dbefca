// When each user's signed-in task pane last reported in, under RLS: a user records and reads
// only their own row, so the Connect page can say "Connected" without trusting anything else.
import "server-only";
import { sql } from "kysely";
import { withUserDb, type DbClaims } from "./with-rls";

export interface AddinConnection {
  lastSeenAt: Date;
  host: string | null;
  platform: string | null;
  officeVersion: string | null;
  addinVersion: string | null;
}

export interface AddinReport {
  host?: string | null;
  platform?: string | null;
  officeVersion?: string | null;
  addinVersion?: string | null;
}

const COLUMNS = ["last_seen_at", "host", "platform", "office_version", "addin_version"] as const;

type Row = { last_seen_at: Date; host: string | null; platform: string | null; office_version: string | null; addin_version: string | null };

const toConnection = (row: Row): AddinConnection => ({
  lastSeenAt: new Date(row.last_seen_at),
  host: row.host,
  platform: row.platform,
  officeVersion: row.office_version,
  addinVersion: row.addin_version,
});

/** Records that the caller's pane is running now (the database's clock, not the client's). */
export async function recordAddinConnection({ claims, report }: { claims: DbClaims; report: AddinReport }): Promise<AddinConnection> {
  const values = {
    host: report.host ?? null,
    platform: report.platform ?? null,
    office_version: report.officeVersion ?? null,
    addin_version: report.addinVersion ?? null,
  };
  const row = await withUserDb(claims, (tx) =>
    tx
      .insertInto("addin_heartbeats")
      .values({ user_id: claims.sub, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...values, last_seen_at: sql`now()` }))
      .returning(COLUMNS)
      .executeTakeFirstOrThrow(),
  );
  return toConnection(row);
}

/** The caller's last report, or null when no signed-in pane has reported in yet. */
export async function getAddinConnection({ claims }: { claims: DbClaims }): Promise<AddinConnection | null> {
  const row = await withUserDb(claims, (tx) =>
    tx.selectFrom("addin_heartbeats").select(COLUMNS).where("user_id", "=", claims.sub).executeTakeFirst(),
  );
  return row ? toConnection(row) : null;
}
