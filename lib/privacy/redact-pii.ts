// Masks personal data before anything is sent to a model, when the user's `piiRedaction`
// preference is on: email addresses, phone numbers, payment card numbers and IBANs. Pure
// functions over strings, chat messages and the Excel context (any shape an add-in sends), each
// returning a redacted copy and how many of each kind were masked, so the answer can say so.
//
// Precision matters as much as recall: a masked invoice id, date or amount would wreck the
// analysis of the very data the user asked about. So cards and IBANs must pass their checksums,
// and a phone number needs a phone's shape (an international prefix, an area code in
// parentheses, a national trunk 0, or the North American 3-3-4 grouping), never just "many digits".
import { isCardGrouping, isCardNumber, isIban } from "./pii-checks";

export type PiiKind = "email" | "phone" | "card" | "iban";
export type PiiCounts = Record<PiiKind, number>;

/** What a masked value is replaced with; the label keeps the text readable for the model. */
const PII_PLACEHOLDERS: Record<PiiKind, string> = {
  email: "[EMAIL]",
  phone: "[PHONE]",
  card: "[CARD]",
  iban: "[IBAN]",
};

function emptyCounts(): PiiCounts {
  return { email: 0, phone: 0, card: 0, iban: 0 };
}

export function totalRedactions(counts: PiiCounts): number {
  return counts.email + counts.phone + counts.card + counts.iban;
}

function addCounts(into: PiiCounts, from: PiiCounts) {
  into.email += from.email;
  into.phone += from.phone;
  into.card += from.card;
  into.iban += from.iban;
}

// ------------------------------------------------------------------------------------------
// Patterns. Each is a candidate finder; the checks after it decide.
// ------------------------------------------------------------------------------------------

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;

/** Country code, check digits, then groups of four (spaced or not) and a short last group. Upper case only, so ordinary words never join. */
const IBAN_RE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g;

/**
 * 13–19 digits, optionally grouped by single spaces or dashes; not part of a longer number, id,
 * decimal, or of an IBAN that failed its check ("DE89 3704 …" is not a card after "DE89").
 */
const CARD_RE = /(?<![\w+\-/]|\d[.,]|[A-Z]{2}\d{2} )\d(?:[ -]?\d){12,18}(?!\w|[-/%]|[.,]\d)/g;

/** A run of digits with phone punctuation; isPhone decides. Not inside ids (INV-…), decimals, times or percentages. */
const PHONE_RE = /(?<![\w+\-/.:,])\+?[\d(][\d ().-]{5,28}\d(?!\w|%|\/|[.,:-]\d)/g;

/** Drops trailing groups (split at spaces or dashes) until `accept` passes; returns the accepted prefix length. */
function acceptedPrefix(candidate: string, accept: (prefix: string) => boolean, minLength: number): number {
  let end = candidate.length;
  while (end >= minLength) {
    if (accept(candidate.slice(0, end))) return end;
    const cut = Math.max(candidate.lastIndexOf(" ", end - 1), candidate.lastIndexOf("-", end - 1));
    if (cut <= 0) break;
    end = cut;
  }
  return 0;
}

const compactIban = (text: string) => text.replace(/ /g, "");
const digitsOf = (text: string) => text.replace(/\D/g, "");

function isPhone(candidate: string): boolean {
  // Parentheses hold an area code or a trunk "(0)" and nothing else.
  let parenthesised = false;
  for (const match of candidate.matchAll(/\(([^()]*)\)/g)) {
    if (!/^\d{1,5}$/.test(match[1])) return false;
    if (match.index === 0) parenthesised = true;
  }
  const unwrapped = candidate.replace(/\(([^()]*)\)/g, "$1");
  if (/[()]/.test(unwrapped)) return false;
  // One separator between groups: "555--1234" or "1 . 2" is not how numbers are written.
  if (/[ .-]{2,}/.test(unwrapped)) return false;
  const plus = unwrapped.startsWith("+");
  const body = plus ? unwrapped.slice(1).trim() : unwrapped;
  const groups = body.split(/[ .-]+/).filter(Boolean);
  const digits = digitsOf(body);
  const separators = new Set(body.replace(/[\d]/g, "").replace(/ +/g, " ").split(""));
  const dashOnlyPair = groups.length === 2 && separators.size === 1 && separators.has("-");

  if (plus) {
    // E.164 allows at most 15 digits; a signed decimal (+12345678.90) is an amount.
    return digits.length >= 8 && digits.length <= 15 && !/^\d+\.\d{1,2}$/.test(body);
  }
  if (groups.length < 2 || dashOnlyPair) return false;
  // Dates (2024-01-15, 15.01.2024 10…) and amounts (1 234 567, 1.234.567, 12345678.90).
  if (groups.length <= 4 && (/^\d{4}([-./])\d{1,2}\1\d{1,2}(?!\d)/.test(body) || /^\d{1,2}([-./])\d{1,2}\1\d{2,4}(?!\d)/.test(body))) return false;
  if (/^\d{1,3}(?:([ .])\d{3})(?:\1\d{3})*$/.test(body)) return false;
  if ((body.match(/\./g)?.length ?? 0) === 1 && /\.\d{1,2}$/.test(body)) return false;
  if (body.startsWith("00")) {
    // International call prefix: "0049 151 12345678".
    return groups[0].length >= 3 && groups[0].length <= 5 && digits.length - 2 >= 8 && digits.length - 2 <= 15;
  }
  if (digits.length < 9 || digits.length > 12) return false;
  const lengths = groups.map((g) => g.length).join(",");
  const northAmerican = lengths === "3,3,4" || (lengths === "1,3,3,4" && groups[0] === "1");
  return parenthesised || body.startsWith("0") || northAmerican;
}

/** Redacts one string; the counts say what was found. Cheap for strings that cannot hold any. */
export function redactText(text: string): { text: string; counts: PiiCounts } {
  const counts = emptyCounts();
  if (text.length < 6) return { text, counts };
  const hasAt = text.includes("@");
  let digitCount = 0;
  for (let i = 0; i < text.length && digitCount < 8; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digitCount++;
  }
  if (!hasAt && digitCount < 8) return { text, counts };

  let out = text;
  if (hasAt) {
    out = out.replace(EMAIL_RE, () => {
      counts.email++;
      return PII_PLACEHOLDERS.email;
    });
  }
  out = out.replace(IBAN_RE, (candidate) => {
    const end = acceptedPrefix(candidate, (prefix) => isIban(compactIban(prefix)), 15);
    if (end === 0) return candidate;
    counts.iban++;
    return PII_PLACEHOLDERS.iban + candidate.slice(end);
  });
  out = out.replace(CARD_RE, (candidate) => {
    const end = acceptedPrefix(candidate, (prefix) => isCardGrouping(prefix) && isCardNumber(digitsOf(prefix)), 13);
    if (end === 0) return candidate;
    counts.card++;
    return PII_PLACEHOLDERS.card + candidate.slice(end);
  });
  out = out.replace(PHONE_RE, (candidate) => {
    if (!isPhone(candidate)) return candidate;
    counts.phone++;
    return PII_PLACEHOLDERS.phone;
  });
  return { text: out, counts };
}

/**
 * A cell value. Strings as text; whole numbers that are card numbers (a card column typed as
 * numbers) become the placeholder string. Numbers beyond 2^53 cannot be checked exactly and are
 * left alone; phone numbers stored as numbers are indistinguishable from other integers.
 */
function redactCellValue<T>(value: T, counts: PiiCounts): T | string {
  if (typeof value === "string") {
    const result = redactText(value);
    addCounts(counts, result.counts);
    return result.text;
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1e12) {
    if (isCardNumber(String(value))) {
      counts.card++;
      return PII_PLACEHOLDERS.card;
    }
  }
  return value;
}

/** Keys whose contents are addresses, counts or format codes, never cell data. */
const STRUCTURAL_KEYS = new Set(["address", "rowCount", "columnCount", "numberFormat", "numberFormats", "sampledRows"]);
/** Deeper than any context an add-in sends; anything below is dropped rather than sent unchecked. */
const MAX_DEPTH = 32;

/**
 * In the add-in's analysis of a large range (`selectedRange.analysis`) only these keys carry text
 * from the cells (headers, frequent values, examples, finding texts); everything else is a
 * figure, a range or an enum, which redaction must not turn into a placeholder. Suggested
 * formulas are text too: a SUMIFS criterion is a cell value.
 */
const ANALYSIS_TEXT_KEYS = new Set(["header", "value", "message", "series", "rows", "values", "from", "to", "formula"]);

function redactAnalysis(value: unknown, counts: PiiCounts, depth: number, textKey: boolean): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => redactAnalysis(v, counts, depth + 1, textKey));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = redactAnalysis(inner, counts, depth + 1, ANALYSIS_TEXT_KEYS.has(key));
    return out;
  }
  return textKey ? redactCellValue(value, counts) : value;
}

function redactDeep(value: unknown, counts: PiiCounts, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = redactDeep(value[i], counts, depth + 1);
    return out;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = STRUCTURAL_KEYS.has(key) ? inner : key === "analysis" ? redactAnalysis(inner, counts, depth + 1, false) : redactDeep(inner, counts, depth + 1);
    }
    return out;
  }
  return redactCellValue(value, counts);
}

/**
 * The Excel context as received (the add-in's shape, read liberally: any nesting, a bare address
 * string): every cell value, formula, sheet and workbook name is redacted; addresses and number
 * formats are kept so the analysis still lines up. Returns a copy; the input is not changed.
 * Apply it to the raw body's `context` before `parseExcelContext`, so the analysis, the cache
 * key, the prompt and the stored summary all see the redacted copy.
 */
export function redactExcelContext<T>(context: T): { context: T; counts: PiiCounts } {
  const counts = emptyCounts();
  if (context === null || context === undefined) return { context, counts };
  // A bare address string is an address, not data.
  if (typeof context === "string") return { context, counts };
  return { context: redactDeep(context, counts, 0) as T, counts };
}

interface MessageLike {
  parts?: unknown;
}

/** The text parts of chat messages (AI SDK UI messages or anything with `parts: [{type: "text", text}]`). */
export function redactMessages<M extends MessageLike>(messages: M[]): { messages: M[]; counts: PiiCounts } {
  const counts = emptyCounts();
  const out = messages.map((message) => {
    if (!Array.isArray(message.parts)) return message;
    let changed = false;
    const parts = message.parts.map((part: unknown) => {
      const p = part as { type?: unknown; text?: unknown };
      if (p?.type !== "text" || typeof p.text !== "string") return part;
      const result = redactText(p.text);
      if (result.text === p.text) return part;
      changed = true;
      addCounts(counts, result.counts);
      return { ...p, text: result.text };
    });
    return changed ? { ...message, parts } : message;
  });
  return { messages: out, counts };
}
