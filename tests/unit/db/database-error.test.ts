// Database errors reach users as the envelope: an unreachable database is a 503 to retry, a
// row-level security refusal a 404, anything else a 500 — judged by the SQLSTATE when Postgres
// answered, never by words that happen to appear in a table or constraint name.
import { describe, expect, it } from "vitest";
import { toDatabaseError } from "@/lib/db/with-rls";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("toDatabaseError", () => {
  it("calls a dropped connection or a pool timeout 'unavailable' (503)", () => {
    expect(toDatabaseError(new Error("Connection terminated unexpectedly")).status).toBe(503);
    expect(toDatabaseError(new Error("timeout exceeded when trying to connect")).status).toBe(503);
    expect(toDatabaseError(pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")).status).toBe(503);
    expect(toDatabaseError(pgError("57P01", "terminating connection due to administrator command")).status).toBe(503);
  });

  it("keeps a refusal a refusal when a table's name mentions 'connect'", () => {
    const refused = toDatabaseError(pgError("42501", 'new row violates row-level security policy for table "addin_connections"'));
    expect(refused.code).toBe("not_found");
    const missing = toDatabaseError(pgError("42P01", 'relation "connection_log" does not exist'));
    expect(missing.status).toBe(500);
  });
});
