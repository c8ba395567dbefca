import { describe, expect, it } from "vitest";
import { inlineParameters } from "@/lib/db/adapters/inline-parameters";

describe("inlineParameters", () => {
  it("writes each placeholder as a quoted literal, $10 not mistaken for $1", () => {
    const params = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters("select $1, $10, $2", params)).toBe("select 'v1', 'v10', 'v2'");
  });

  it("quotes what could break out of the literal", () => {
    expect(inlineParameters("select $1", ["it's"])).toBe("select 'it''s'");
    expect(inlineParameters("select $1", ["a\\'b"])).toBe("select  E'a\\\\''b'");
  });

  it("leaves placeholders in strings, identifiers, comments and dollar quotes alone", () => {
    const sql = `select '$1', "col$1", $1 -- $1\n, /* $1 */ $$ $1 $$, $tag$ $1 $tag$, $2`;
    expect(inlineParameters(sql, ["x", "y"])).toBe(`select '$1', "col$1", 'x' -- $1\n, /* $1 */ $$ $1 $$, $tag$ $1 $tag$, 'y'`);
  });

  it("knows a backslash-escaped quote in an E'…' string does not end it", () => {
    expect(inlineParameters("select E'it\\'s $1', $1", ["x"])).toBe("select E'it\\'s $1', 'x'");
    expect(inlineParameters("select name'$1', $1", ["x"])).toBe("select name'$1', 'x'");
  });

  it("converts values as node-postgres sends them: null, numbers, booleans, dates, JSON", () => {
    expect(inlineParameters("select $1, $2, $3, $4, $5, $6", [null, undefined, 2.5, false, new Date("2026-01-02T03:04:05.006Z"), { a: "b'c" }])).toBe(
      `select NULL, NULL, '2.5', 'false', '2026-01-02T03:04:05.006Z', '{"a":"b''c"}'`,
    );
  });

  it("declines what must travel as a parameter: binary data, arrays, NUL bytes", () => {
    expect(inlineParameters("select $1", [Buffer.from("x")])).toBeNull();
    expect(inlineParameters("select $1", [[1, 2]])).toBeNull();
    expect(inlineParameters("select $1", ["a\0b"])).toBeNull();
  });

  it("refuses a placeholder without a parameter", () => {
    expect(() => inlineParameters("select $2", ["only one"])).toThrow(RangeError);
  });
});
