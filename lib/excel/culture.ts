// The workbook's culture: which characters separate decimals and thousands, and in which order
// dates are written. Text numbers and text dates are read with it, so "3.504" in a German
// workbook is three thousand five hundred and four and 05/03/2024 is the 5th of March. The
// add-in sends it; without it, the values decide when they are unambiguous (a "5.030,8", a
// 25/03/2024), and otherwise the English defaults apply.

import type { ExcelContext, WorkbookCulture } from "@/lib/excel/types";

export const DEFAULT_CULTURE: WorkbookCulture = { decimalSeparator: ".", thousandsSeparator: ",", dateOrder: "MDY" };

/** Where the culture used for an analysis came from. */
export type CultureSource = "workbook" | "detected" | "default";

const DATE_ORDERS = new Set(["MDY", "DMY", "YMD"]);
/** Characters a thousands separator may be: comma, dot, apostrophe, spaces (regular, no-break, narrow). */
const THOUSANDS = new Set([",", ".", "'", "’", " ", "\u00a0", "\u202f", ""]);
const DECIMALS = new Set([".", ",", "٫"]);

/**
 * Reads the `culture` field liberally: anything that is not a usable culture is ignored (null),
 * never an error. Separators must be single characters and differ from each other.
 */
export function readCulture(raw: unknown): WorkbookCulture | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const dec = r.decimalSeparator;
  const thou = r.thousandsSeparator;
  const order = typeof r.dateOrder === "string" ? r.dateOrder.toUpperCase() : null;
  if (typeof dec !== "string" || !DECIMALS.has(dec)) return null;
  if (typeof thou !== "string" || !THOUSANDS.has(thou) || thou === dec) return null;
  if (order === null || !DATE_ORDERS.has(order)) return null;
  return { decimalSeparator: dec, thousandsSeparator: thou, dateOrder: order as WorkbookCulture["dateOrder"] };
}

const DECIMAL_COMMA_GROUPED = /^[-+(]?[^\d]{0,2}\d{1,3}(\.\d{3})+,\d+\D{0,3}$/;
const DECIMAL_POINT_GROUPED = /^[-+(]?[^\d]{0,2}\d{1,3}(,\d{3})+\.\d+\D{0,3}$/;
/** A comma followed by other than exactly three digits can only be a decimal comma. */
const DECIMAL_COMMA = /^[-+(]?[^\d]{0,2}\d+,(\d{1,2}|\d{4,})\D{0,3}$/;
const DECIMAL_POINT = /^[-+(]?[^\d]{0,2}\d+\.(\d{1,2}|\d{4,})\D{0,3}$/;
const SLASH_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:\s|$)/;
const SAMPLE_CELLS = 20_000;

/**
 * The culture the text cells reveal, or null when they say nothing clear (or contradict each
 * other). Looks at up to 20,000 text cells.
 */
function detectCulture(context: ExcelContext): WorkbookCulture | null {
  let comma = 0;
  let point = 0;
  let dmy = 0;
  let mdy = 0;
  let seen = 0;
  outer: for (const area of context.areas) {
    for (const row of area.values) {
      for (const v of row) {
        if (typeof v !== "string" || v.length === 0 || v.length > 30) continue;
        if (++seen > SAMPLE_CELLS) break outer;
        const c = v.charCodeAt(0);
        if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 40 || c > 127 || c === 36)) continue;
        const s = v.trim();
        if (DECIMAL_COMMA_GROUPED.test(s) || DECIMAL_COMMA.test(s)) comma++;
        else if (DECIMAL_POINT_GROUPED.test(s) || DECIMAL_POINT.test(s)) point++;
        const m = SLASH_DATE.exec(s);
        if (m) {
          const a = Number(m[1]);
          const b = Number(m[3]);
          if (m[2] === "." || (a > 12 && b <= 12)) dmy++;
          else if (b > 12 && a <= 12) mdy++;
        }
      }
    }
  }
  const decimalComma = comma > 0 && point === 0;
  const decimalPoint = point > 0 && comma === 0;
  const dayFirst = dmy > 0 && mdy === 0;
  const monthFirst = mdy > 0 && dmy === 0;
  if (!decimalComma && !decimalPoint && !dayFirst && !monthFirst) return null;
  return {
    decimalSeparator: decimalComma ? "," : ".",
    thousandsSeparator: decimalComma ? "." : ",",
    dateOrder: dayFirst ? "DMY" : monthFirst ? "MDY" : decimalComma ? "DMY" : "MDY",
  };
}

/** The culture to read a context with, and where it came from. */
export function cultureFor(context: ExcelContext | null): { culture: WorkbookCulture; source: CultureSource } {
  if (context?.culture) return { culture: context.culture, source: "workbook" };
  const detected = context ? detectCulture(context) : null;
  return detected ? { culture: detected, source: "detected" } : { culture: DEFAULT_CULTURE, source: "default" };
}

/** `decimal ",", thousands ".", dates DMY` for the prompt and the playground. */
export function describeCulture(culture: WorkbookCulture): string {
  const name = (ch: string) => (ch === "" ? "none" : ch === " " || ch === "\u00a0" || ch === "\u202f" ? "space" : `"${ch}"`);
  return `decimal ${name(culture.decimalSeparator)}, thousands ${name(culture.thousandsSeparator)}, dates ${culture.dateOrder}`;
}
