// Server-side check of every edit the model proposes, before the client may offer it for
// approval. The tool schemas check shape; this checks what shape cannot: the range is one real
// rectangle, its size is within the caps, the values matrix matches it, and every formula (and
// every "value" Excel would read as a formula) passes the formula policy
// (lib/excel/formula/formula-policy.ts). A refused proposal is sent to the client as a tool
// error with the reasons, each naming its rule, never as something to apply. The add-in and the
// playground run this same check again before they write anything.
import { columnLetter, columnNumber } from "@/lib/excel";
import { checkFormula, describeViolation, readsAsFormula } from "@/lib/excel/formula/formula-policy";
import { EXCEL_TOOL_INPUTS, isExcelToolName, type ExcelToolName } from "./excel-tools";
import { parseProposalRange, type ProposalRange } from "./parse-proposal-range";

/** Cells one proposal may touch, per kind of change. Named, not scattered through the checks. */
export const PROPOSAL_LIMITS = {
  /** Values or formulas written in one proposal: what a user can review before approving. */
  writeCells: 10_000,
  /** Formatting, conditional formats, tables, sorting and filtering. */
  rangeCells: 1_000_000,
  /** Source of one chart. */
  chartCells: 100_000,
} as const;

export interface ValidProposal {
  ok: true;
  toolName: ExcelToolName;
  /** The input with addresses normalised; what the add-in receives. */
  input: Record<string, unknown>;
  range: Pick<ProposalRange, "address" | "sheet" | "rows" | "columns" | "cells">;
}

export interface InvalidProposal {
  ok: false;
  toolName: string;
  errors: string[];
}

export type ProposalValidation = ValidProposal | InvalidProposal;

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * One error per formula, every rule it breaks named: "E2 calls WEBSERVICE (rule "network": …),
 * and … in =IFERROR(…)". `asText`: the formula came as a value, so the user may have meant text;
 * say how to write that when Excel could not read it as a formula.
 */
function checkFormulaAt(where: string, formula: string, errors: string[], asText = false) {
  const violations = checkFormula(formula);
  if (violations.length === 0) return;
  const flat = formula.replace(/\s+/g, " ").trim();
  const shown = flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
  const hint = asText && violations.some((v) => v.rule === "unreadable") ? " (to write it as text, start it with an apostrophe)" : "";
  errors.push(`${where} ${violations.map(describeViolation).join(", and ")} in ${shown}${hint}`);
}

function cellName(range: ProposalRange, r: number, c: number): string {
  return `${columnLetter(range.startColumn + c)}${range.startRow + r}`;
}

function checkMatrix(range: ProposalRange, matrix: unknown[][], kind: "values" | "formulas", errors: string[]) {
  if (matrix.length !== range.rows) {
    errors.push(`${kind} has ${matrix.length} rows but ${range.address} has ${range.rows}`);
    return;
  }
  for (let r = 0; r < matrix.length; r++) {
    if (matrix[r].length !== range.columns) {
      errors.push(`${kind} row ${r + 1} has ${matrix[r].length} cells but ${range.address} is ${range.columns} columns wide`);
      return;
    }
  }
  let reported = 0;
  for (let r = 0; r < matrix.length && reported < 5; r++) {
    for (let c = 0; c < matrix[r].length && reported < 5; c++) {
      const cell = matrix[r][c];
      // Every text of the formulas matrix is checked (a host may read any of it as a formula);
      // of the values matrix, what Excel would read as a formula.
      const check = kind === "formulas" ? typeof cell === "string" && cell.trim().length > 0 : readsAsFormula(cell);
      if (!check) continue;
      const before = errors.length;
      checkFormulaAt(cellName(range, r, c), String(cell), errors, kind === "values");
      if (errors.length > before) reported++;
    }
  }
}

function checkColumnInRange(range: ProposalRange, letter: string, what: string, errors: string[]) {
  const n = columnNumber(letter.replace(/\$/g, ""));
  if (n < range.startColumn || n > range.endColumn) errors.push(`${what} column ${letter.toUpperCase()} is outside ${range.address}`);
}

function conditionalFormulas(rule: Record<string, unknown>): string[] {
  return ["formula1", "formula2", "formula"].map((k) => rule[k]).filter((v): v is string => typeof v === "string");
}

export function validateProposal(toolName: string, rawInput: unknown): ProposalValidation {
  if (!isExcelToolName(toolName)) return { ok: false, toolName, errors: [`"${toolName}" is not a change this assistant can propose`] };
  const parsed = EXCEL_TOOL_INPUTS[toolName].safeParse(rawInput);
  if (!parsed.success) {
    return {
      ok: false,
      toolName,
      errors: parsed.error.issues.slice(0, 5).map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`),
    };
  }
  const input = { ...(parsed.data as Record<string, unknown>) };
  const errors: string[] = [];
  const addressKey = toolName === "add_chart" ? "sourceAddress" : "address";
  const rangeResult = parseProposalRange(input[addressKey]);
  if (!rangeResult.ok) return { ok: false, toolName, errors: [rangeResult.error] };
  const range = rangeResult.range;
  input[addressKey] = range.address;

  const cap = toolName === "write_range" ? PROPOSAL_LIMITS.writeCells : toolName === "add_chart" ? PROPOSAL_LIMITS.chartCells : PROPOSAL_LIMITS.rangeCells;
  if (range.cells > cap) {
    errors.push(`${range.address} is ${fmt(range.cells)} cells; one proposal may ${toolName === "write_range" ? "write" : "cover"} at most ${fmt(cap)}`);
  }

  switch (toolName) {
    case "write_range": {
      if (range.cells <= cap) {
        if (Array.isArray(input.values)) checkMatrix(range, input.values as unknown[][], "values", errors);
        if (Array.isArray(input.formulas)) checkMatrix(range, input.formulas as unknown[][], "formulas", errors);
      }
      break;
    }
    case "add_conditional_format": {
      for (const formula of conditionalFormulas(input.rule as Record<string, unknown>)) checkFormulaAt("the rule", formula, errors);
      break;
    }
    case "sort_range": {
      for (const key of input.keys as { column: string }[]) checkColumnInRange(range, key.column, "sort", errors);
      break;
    }
    case "filter_range": {
      checkColumnInRange(range, input.column as string, "filter", errors);
      break;
    }
    default:
      break;
  }

  // Free text the add-in displays or writes (titles, number formats) must not smuggle a formula
  // or a link either.
  for (const key of ["title", "numberFormat", "name", "style"]) {
    const value = input[key];
    if (readsAsFormula(value)) checkFormulaAt(key, value, errors, true);
  }

  if (errors.length > 0) return { ok: false, toolName, errors };
  return { ok: true, toolName, input, range: { address: range.address, sheet: range.sheet, rows: range.rows, columns: range.columns, cells: range.cells } };
}

/** The refusal as one message for the tool part's errorText (the user and, next turn, the model read it). */
export function describeRefusal(validation: InvalidProposal): string {
  return `Proposal refused by the server, nothing will be changed: ${validation.errors.join("; ")}.`;
}
