// A user's profile and preferences (model, write mode, PII redaction, retention), under RLS.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { Kysely } from "kysely";
import type { DB, WriteMode } from "./schema";
import { withUserDb, type DbClaims } from "./with-rls";

export interface Preferences {
  displayName: string | null;
  preferredModel: string | null;
  writeMode: WriteMode;
  piiRedaction: boolean;
  retentionDays: number;
}

export const DEFAULT_PREFERENCES: Preferences = {
  displayName: null,
  preferredModel: null,
  writeMode: "ask",
  piiRedaction: false,
  retentionDays: 90,
};

type ProfileRow = {
  display_name: string | null;
  preferred_model: string | null;
  write_mode: WriteMode;
  pii_redaction: boolean;
  retention_days: number;
};

const COLUMNS = ["display_name", "preferred_model", "write_mode", "pii_redaction", "retention_days"] as const;

/** The caller's preferences row (none while the profile is missing). */
export function preferencesQuery(db: Kysely<DB>, claims: DbClaims) {
  return db.selectFrom("profiles").select(COLUMNS).where("id", "=", claims.sub);
}

/** Preferences from a profile row; defaults when there is none (e.g. mid-erasure). */
export function toPreferences(row: ProfileRow | undefined): Preferences {
  if (!row) return { ...DEFAULT_PREFERENCES };
  return {
    displayName: row.display_name,
    preferredModel: row.preferred_model,
    writeMode: row.write_mode,
    piiRedaction: row.pii_redaction,
    retentionDays: row.retention_days,
  };
}

/** The caller's preferences; defaults when the profile row is missing (e.g. mid-erasure). */
export async function getPreferences({ claims }: { claims: DbClaims }): Promise<Preferences> {
  return toPreferences(await withUserDb(claims, (tx) => preferencesQuery(tx, claims).executeTakeFirst()));
}

export async function updatePreferences({ claims, changes }: { claims: DbClaims; changes: Partial<Preferences> }): Promise<Preferences> {
  const set: Partial<ProfileRow> = {};
  if (changes.displayName !== undefined) set.display_name = changes.displayName;
  if (changes.preferredModel !== undefined) set.preferred_model = changes.preferredModel;
  if (changes.writeMode !== undefined) set.write_mode = changes.writeMode;
  if (changes.piiRedaction !== undefined) set.pii_redaction = changes.piiRedaction;
  if (changes.retentionDays !== undefined) set.retention_days = changes.retentionDays;
  const row = await withUserDb(claims, async (tx) => {
    if (Object.keys(set).length === 0) {
      return preferencesQuery(tx, claims).executeTakeFirst();
    }
    return tx
      .insertInto("profiles")
      .values({ id: claims.sub, ...set })
      .onConflict((oc) => oc.column("id").doUpdateSet(set))
      .returning(COLUMNS)
      .executeTakeFirst();
  });
  if (!row) throw new AppError("not_found", "Your profile was not found.");
  return toPreferences(row);
}
