// Checking a change set after it is applied: the client reads back the cells it wrote and lists
// every error value Excel calculated there (#REF!, #VALUE!, #NAME?, #SPILL!, #DIV/0!…), with the
// formula that produced it, so the next step of the answer can fix it. The task pane reads what
// Excel calculated; the playground cannot calculate, so it finds the errors a formula carries on
// its face (a reference to a sheet that does not exist, a #REF! left in it, an unknown name).
import { isExcelError, parseAreaAddress, rangeAddress, type CellValue } from "@/lib/excel";
import { tokenizeFormula } from "@/lib/excel/formula/tokenize-formula";
import { MAX_VERIFICATION_ERRORS, VERIFICATION_ERRORS, type EditOutcome } from "@/lib/ai/tools/edit-outcome";

export interface WrittenCellError {
  /** Sheet-qualified cell address. */
  address: string;
  /** The error value, e.g. `#REF!`. */
  value: string;
  formula?: string;
}

export interface Verification {
  /** Cells read back. */
  checked: number;
  errors: WrittenCellError[];
  /** Errors not listed (over the cap). */
  moreErrors: number;
}

/** Errors listed per written range; the count says how many more there were. */
const VERIFY_ERROR_CAP = MAX_VERIFICATION_ERRORS;

export interface ReadBack {
  /** Sheet-qualified address of the written range. */
  address: string;
  values: CellValue[][];
  formulas: CellValue[][];
}

/** The errors in what was read back from the written ranges. */
export function verifyWritten(readBacks: readonly ReadBack[]): Verification {
  const errors: WrittenCellError[] = [];
  let checked = 0;
  let more = 0;
  for (const read of readBacks) {
    const area = parseAreaAddress(read.address);
    if (!area) continue;
    read.values.forEach((row, r) => {
      row.forEach((value, c) => {
        checked++;
        if (!isExcelError(value)) return;
        if (errors.length >= VERIFY_ERROR_CAP) {
          more++;
          return;
        }
        const formula = read.formulas[r]?.[c];
        errors.push({
          address: rangeAddress(area.startRow + r, area.startColumn + c, area.startRow + r, area.startColumn + c, area.sheet),
          value: value.trim().toUpperCase(),
          ...(typeof formula === "string" && formula.startsWith("=") ? { formula } : {}),
        });
      });
    });
  }
  return { checked, errors, moreErrors: more };
}

const CELL_OR_LINE = /^\$?[A-Za-z]{1,3}\$?[0-9]{1,7}$|^\$?[A-Za-z]{1,3}$/;

/**
 * The error a formula would show in Excel that can be told without calculating it: `#REF!` for a
 * reference to a sheet the workbook does not have (or a `#REF!` left in the formula), `#NAME?` for
 * a name that is neither a reference nor one of the workbook's names. Null when none is evident.
 */
export function evidentFormulaError(formula: string, workbook: { sheets: readonly string[]; names: readonly string[] }): string | null {
  const { tokens, error } = tokenizeFormula(formula);
  if (error) return "#NAME?";
  const sheets = new Set(workbook.sheets.map((s) => s.toLowerCase()));
  const names = new Set(workbook.names.map((n) => n.toLowerCase()));
  // LET and LAMBDA bring names of their own; without a calculator they are not judged.
  const bindsNames = tokens.some((t) => t.kind === "call" && /^(_xlfn\.)?(LET|LAMBDA)$/i.test(t.name));
  for (const token of tokens) {
    if (token.kind === "error" && token.text.toUpperCase() === "#REF!") return "#REF!";
    if ((token.kind === "name" || token.kind === "structured" || token.kind === "error") && token.prefix) {
      const prefix = token.prefix.text;
      // A 3D span (Jan:Mar) or another workbook is left alone here; the formula check refuses the latter.
      if (!prefix.includes(":") && !prefix.includes("[") && !sheets.has(prefix.toLowerCase())) return "#REF!";
    }
    if (token.kind === "name" && !token.prefix && !bindsNames) {
      const text = token.text;
      if (CELL_OR_LINE.test(text) || /^(TRUE|FALSE)$/i.test(text) || names.has(text.toLowerCase())) continue;
      return "#NAME?";
    }
  }
  return null;
}

const REPORTED = new Set<string>(VERIFICATION_ERRORS);

/**
 * The verification as the model receives it in an applied proposal's output: the errors of the
 * kinds the contract names (a blocked spill is Excel's #SPILL!), and how many error cells there
 * were in all when that is more than the list holds.
 */
export function verificationOutcome(verification: Verification): NonNullable<EditOutcome["verification"]> {
  const errors = verification.errors
    .filter((e) => REPORTED.has(e.value))
    .slice(0, MAX_VERIFICATION_ERRORS)
    .map((e) => ({ address: e.address, error: e.value as (typeof VERIFICATION_ERRORS)[number] }));
  const total = verification.errors.length + verification.moreErrors;
  return total > errors.length ? { errors, errorCount: total } : { errors };
}
