// Conversions between row values and what the API sends: one place for each.

/** A timestamp column (a Date from pg, a string from PGlite's JSON) as an ISO 8601 string. */
export function isoTimestamp(value: Date | string): string {
  return new Date(value).toISOString();
}

export function isoTimestampOrNull(value: Date | string | null): string | null {
  return value === null ? null : isoTimestamp(value);
}

const INT4_MAX = 2_147_483_647;

/** A count (tokens, milliseconds) clamped to a Postgres `integer` column: whole, 0 to 2³¹−1. */
export function int4Count(value: number | undefined): number {
  return Math.max(0, Math.min(INT4_MAX, Math.round(value || 0)));
}
