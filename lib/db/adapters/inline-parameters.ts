// Parameters written into the SQL as literals, so a whole transaction can travel to Postgres as
// one simple-protocol message (one round trip) instead of one extended-protocol exchange per
// statement. Each value becomes the text node-postgres would send for it as a parameter, quoted
// with node-postgres's `escapeLiteral`; like a parameter sent with no type, a quoted literal is
// typed by the server from its context. Placeholders inside string literals, quoted
// identifiers, dollar quotes and comments are left alone.
import { escapeLiteral } from "pg";

/** A parameter's text, or undefined for what is better sent as a parameter (binary, arrays). */
function textOf(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
    case "boolean":
      return String(value);
    case "object":
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
      if (Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
      if (typeof (value as { toPostgres?: unknown }).toPostgres === "function") return undefined;
      return JSON.stringify(value); // jsonb columns, as node-postgres sends plain objects
    default:
      return undefined;
  }
}

/**
 * The statement with `$1…$n` replaced by literals, or null when a value cannot be written as a
 * text literal (binary data, or text with a NUL byte, which Postgres text cannot hold): the
 * caller then sends it with parameters instead.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string | null {
  const literals: string[] = [];
  for (const parameter of parameters) {
    const text = textOf(parameter);
    if (text === null) literals.push("NULL");
    else if (text === undefined || text.includes("\0")) return null;
    else literals.push(escapeLiteral(text));
  }
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    let end = i + 1;
    if (c === "'" || c === '"') {
      // A string literal or a quoted identifier; a doubled quote continues it, and so does a
      // backslash-escaped one in an E'…' string.
      const escapes = c === "'" && /[Ee]/.test(sql[i - 1] ?? "") && !/[\w$]/.test(sql[i - 2] ?? "");
      end = i + 1;
      while (end < sql.length) {
        if (escapes && sql[end] === "\\") end += 2;
        else if (sql[end] === c) {
          if (sql[end + 1] === c) end += 2;
          else {
            end += 1;
            break;
          }
        } else end += 1;
      }
    } else if (c === "-" && next === "-") {
      end = sql.indexOf("\n", i);
      end = end === -1 ? sql.length : end;
    } else if (c === "/" && next === "*") {
      end = sql.indexOf("*/", i + 2);
      end = end === -1 ? sql.length : end + 2;
    } else if (c === "$") {
      const placeholder = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (placeholder && !/[\w$]/.test(sql[i - 1] ?? "")) {
        const index = Number(placeholder[1]) - 1;
        if (index < 0 || index >= literals.length) throw new RangeError(`The statement uses $${index + 1} but has ${literals.length} parameters.`);
        out += literals[index];
        i += placeholder[0].length;
        continue;
      }
      const tag = /^\$([A-Za-z_][\w]*)?\$/.exec(sql.slice(i));
      if (tag && !/[\w$]/.test(sql[i - 1] ?? "")) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        end = close === -1 ? sql.length : close + tag[0].length;
      }
    }
    out += sql.slice(i, end);
    i = end;
  }
  return out;
}
