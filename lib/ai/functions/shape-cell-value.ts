// A model's reply made into what one cell should hold: a single line of plain text (markdown,
// quotes and invisible characters removed), capped in length, a number when the answer is one,
// and for CLASSIFY exactly one of the labels or an error. A reply that does not fit is an error in
// the cell, never a value that looks like an answer.
import { stripInvisibleCharacters } from "@/lib/ai/prompts/strip-invisible-characters";
import type { CellScalar, FunctionArgs } from "./function-args";

const MAX_CELL_CHARS = { ASK: 1_000, CLASSIFY: 100, EXTRACT: 500 } as const;

export type CellOutcome = { ok: true; value: CellScalar } | { ok: false; code: "not_found"; message: string };

const UNKNOWN = /^#?unknown\.?$/i;

/** One line of plain text: code fences, emphasis, wrapping quotes and line breaks removed. */
function singleLine(text: string): string {
  return stripInvisibleCharacters(text)
    .replace(/```[a-z]*\n?|```/gi, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, "")
    .trim();
}

function capped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A plain number ("1250", "-3.5", "1,250.00") as a number; anything else stays text. */
export function asCellNumber(text: string): CellScalar {
  const bare = text.replace(/,(?=\d{3}(\D|$))/g, "");
  return /^-?\d+(\.\d+)?$/.test(bare) && Number.isFinite(Number(bare)) ? Number(bare) : text;
}

const comparable = (text: string) => text.toLowerCase().replace(/[\s.!?:;"'“”]+$/g, "").replace(/\s+/g, " ").trim();

/** The label a reply names: exact (ignoring case and end punctuation), else the only label it contains. */
export function matchLabel(reply: string, labels: readonly string[]): string | null {
  const wanted = comparable(reply);
  const exact = labels.find((label) => comparable(label) === wanted);
  if (exact) return exact;
  const contained = labels.filter((label) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(label.toLowerCase())}($|[^\\p{L}\\p{N}])`, "u").test(wanted));
  return contained.length === 1 ? contained[0] : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function shapeCellValue(args: FunctionArgs, reply: string): CellOutcome {
  const line = singleLine(reply);
  if (line === "" || UNKNOWN.test(line)) {
    const message =
      args.name === "EXTRACT" ? `Nothing matching "${capped(args.what, 60)}" was found in the text.` : "The model could not answer this from the data given.";
    return { ok: false, code: "not_found", message };
  }
  switch (args.name) {
    case "CLASSIFY": {
      const label = matchLabel(line, args.labels);
      return label
        ? { ok: true, value: label }
        : { ok: false, code: "not_found", message: `The model's answer was not one of the ${args.labels.length} labels, so no label is shown.` };
    }
    case "ASK":
      return { ok: true, value: asCellNumber(capped(line, MAX_CELL_CHARS.ASK)) };
    case "EXTRACT":
      return { ok: true, value: asCellNumber(capped(line, MAX_CELL_CHARS.EXTRACT)) };
  }
}
