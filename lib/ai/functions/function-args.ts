// The arguments of one in-cell function call, validated and normalised. Normalising is what makes
// the cache recalculation-safe: the same inputs written differently (extra spaces, invisible
// characters, a trailing empty row in the range, a label list typed with semicolons instead of
// commas) are the same call, so they share one cached result. Everything here comes from
// spreadsheet cells and is untrusted: invisible and control characters are stripped before any of
// it reaches a prompt or a key.
import { stripInvisibleCharacters } from "@/lib/ai/prompts/strip-invisible-characters";

export const FUNCTION_NAMES = ["ASK", "CLASSIFY", "EXTRACT"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** A cell value after normalisation: empty cells are "". */
export type CellScalar = string | number | boolean;

export const ARG_LIMITS = {
  promptChars: 2_000,
  textChars: 5_000,
  whatChars: 200,
  rangeCells: 1_000,
  rangeChars: 20_000,
  labels: 50,
  labelChars: 100,
} as const;

export type FunctionArgs =
  | { name: "ASK"; prompt: string; range: CellScalar[][] | null }
  | { name: "CLASSIFY"; value: CellScalar; labels: string[] }
  | { name: "EXTRACT"; text: string; what: string };

export type ArgsResult = { ok: true; args: FunctionArgs } | { ok: false; message: string };

/** "AI.ASK", "ask" and "ASK" all name ASK; anything else is null. */
export function parseFunctionName(name: string): FunctionName | null {
  const bare = name.trim().toUpperCase().replace(/^AI\./, "");
  return (FUNCTION_NAMES as readonly string[]).includes(bare) ? (bare as FunctionName) : null;
}

/** Text from a cell: invisible characters removed, Unicode composed, whitespace runs collapsed. */
function normalizeText(text: string): string {
  return stripInvisibleCharacters(text.normalize("NFC")).replace(/\s+/g, " ").trim();
}

function normalizeScalar(value: unknown): CellScalar | undefined {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return normalizeText(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : undefined;
  return undefined;
}

function scalarText(value: CellScalar): string {
  return typeof value === "string" ? value : String(value);
}

/** One cell or a range, as the rows Excel passes (`[[a, b], [c, d]]`); a single value is a 1×1 range. */
function normalizeRange(input: unknown, what: string): { ok: true; rows: CellScalar[][] } | { ok: false; message: string } {
  const rows = Array.isArray(input) ? (input.every(Array.isArray) ? (input as unknown[][]) : [input as unknown[]]) : [[input]];
  let cells = 0;
  let chars = 0;
  const out: CellScalar[][] = [];
  for (const row of rows) {
    const cleaned: CellScalar[] = [];
    for (const cell of row) {
      const value = normalizeScalar(cell);
      if (value === undefined) return { ok: false, message: `${what} holds a value that is not a number, text or TRUE/FALSE.` };
      cleaned.push(value);
      cells++;
      chars += scalarText(value).length;
    }
    out.push(cleaned);
  }
  if (cells > ARG_LIMITS.rangeCells) {
    return { ok: false, message: `${what} has ${cells.toLocaleString("en-US")} cells; at most ${ARG_LIMITS.rangeCells.toLocaleString("en-US")} are allowed.` };
  }
  if (chars > ARG_LIMITS.rangeChars) {
    return { ok: false, message: `${what} holds ${chars.toLocaleString("en-US")} characters; at most ${ARG_LIMITS.rangeChars.toLocaleString("en-US")} are allowed.` };
  }
  return { ok: true, rows: trimEmptyEdges(out) };
}

/** Drops trailing empty rows and columns: a range drawn a little too large is the same range. */
function trimEmptyEdges(rows: CellScalar[][]): CellScalar[][] {
  const isEmpty = (v: CellScalar) => v === "";
  const kept = [...rows];
  while (kept.length > 0 && kept[kept.length - 1].every(isEmpty)) kept.pop();
  let width = 0;
  for (const row of kept) {
    for (let i = row.length - 1; i >= 0; i--) {
      if (!isEmpty(row[i])) {
        width = Math.max(width, i + 1);
        break;
      }
    }
  }
  return kept.map((row) => row.slice(0, width));
}

function requiredText(value: unknown, what: string, max: number): { ok: true; text: string } | { ok: false; message: string } {
  const scalar = normalizeScalar(Array.isArray(value) ? (Array.isArray(value[0]) ? value[0][0] : value[0]) : value);
  if (scalar === undefined) return { ok: false, message: `${what} must be text, a number or a single cell.` };
  const text = scalarText(scalar);
  if (text === "") return { ok: false, message: `${what} is empty.` };
  if (text.length > max) return { ok: false, message: `${what} is ${text.length.toLocaleString("en-US")} characters long; at most ${max.toLocaleString("en-US")} are allowed.` };
  return { ok: true, text };
}

/** Labels from a range (one per cell) or from one cell listing them ("High, Medium, Low"). */
function normalizeLabels(input: unknown): { ok: true; labels: string[] } | { ok: false; message: string } {
  const range = normalizeRange(input, "labels");
  if (!range.ok) return range;
  const cells = range.rows.flat().map(scalarText).filter((label) => label !== "");
  const pieces = cells.length === 1 ? cells[0].split(/\s*[,;|]\s*/) : cells;
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const piece of pieces) {
    const label = normalizeText(piece);
    if (!label || seen.has(label.toLowerCase())) continue;
    if (label.length > ARG_LIMITS.labelChars) return { ok: false, message: `The label "${label.slice(0, 30)}…" is longer than ${ARG_LIMITS.labelChars} characters.` };
    seen.add(label.toLowerCase());
    labels.push(label);
  }
  if (labels.length < 2) return { ok: false, message: "labels needs at least two different labels: a range of cells, or one cell such as \"High, Medium, Low\"." };
  if (labels.length > ARG_LIMITS.labels) return { ok: false, message: `labels has ${labels.length} labels; at most ${ARG_LIMITS.labels} are allowed.` };
  return { ok: true, labels };
}

const ARITY: Record<FunctionName, { min: number; max: number; usage: string }> = {
  ASK: { min: 1, max: 2, usage: "=AI.ASK(prompt, [range])" },
  CLASSIFY: { min: 2, max: 2, usage: "=AI.CLASSIFY(value, labels)" },
  EXTRACT: { min: 2, max: 2, usage: "=AI.EXTRACT(text, what)" },
};

export function normalizeFunctionArgs(name: FunctionName, args: readonly unknown[]): ArgsResult {
  // Excel passes omitted optional arguments as null at the end.
  const given = [...args];
  while (given.length > ARITY[name].min && (given[given.length - 1] === null || given[given.length - 1] === undefined)) given.pop();
  if (given.length < ARITY[name].min || given.length > ARITY[name].max) {
    return { ok: false, message: `${ARITY[name].usage} takes ${ARITY[name].min === ARITY[name].max ? ARITY[name].min : `${ARITY[name].min} or ${ARITY[name].max}`} arguments; got ${given.length}.` };
  }
  switch (name) {
    case "ASK": {
      const prompt = requiredText(given[0], "prompt", ARG_LIMITS.promptChars);
      if (!prompt.ok) return prompt;
      if (given.length < 2) return { ok: true, args: { name, prompt: prompt.text, range: null } };
      const range = normalizeRange(given[1], "range");
      if (!range.ok) return range;
      return { ok: true, args: { name, prompt: prompt.text, range: range.rows.length > 0 ? range.rows : null } };
    }
    case "CLASSIFY": {
      const value = requiredText(given[0], "value", ARG_LIMITS.textChars);
      if (!value.ok) return value;
      const labels = normalizeLabels(given[1]);
      if (!labels.ok) return labels;
      return { ok: true, args: { name, value: value.text, labels: labels.labels } };
    }
    case "EXTRACT": {
      const text = requiredText(given[0], "text", ARG_LIMITS.textChars);
      if (!text.ok) return text;
      const what = requiredText(given[1], "what", ARG_LIMITS.whatChars);
      if (!what.ok) return what;
      return { ok: true, args: { name, text: text.text, what: what.text } };
    }
  }
}
