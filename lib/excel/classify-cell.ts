// Decides what one cell holds (number, currency, percent, date, text, boolean, empty, error) from
// its value and number format. It runs once per cell on million-cell selections, so the hot path
// (`classifyInto`) allocates nothing and hands back the numeric value through a shared slot.

import type { CellKind, WorkbookCulture } from "@/lib/excel/types";

/** Kind codes used by the hot path; `KIND_NAMES[code]` gives the public name. */
export const K_EMPTY = 0;
export const K_NUMBER = 1;
export const K_CURRENCY = 2;
export const K_PERCENT = 3;
export const K_DATE = 4;
export const K_TEXT = 5;
export const K_BOOLEAN = 6;
export const K_ERROR = 7;
export const KIND_COUNT = 8;
/** A total or subtotal row, left out of every statistic (never produced by the classifier). */
export const K_EXCLUDED = 255;
export const KIND_NAMES: readonly CellKind[] = ["empty", "number", "currency", "percent", "date", "text", "boolean", "error"];

/** What a number format says about the numbers it displays. */
export type NumberFormatKind = "general" | "number" | "currency" | "percent" | "date" | "time" | "text";

/** Format codes used by the hot path (index into FORMAT_KIND_NAMES). */
export const F_GENERAL = 0;
export const F_NUMBER = 1;
const F_CURRENCY = 2;
const F_PERCENT = 3;
const F_DATE = 4;
const F_TIME = 5;
const F_TEXT = 6;
const FORMAT_KIND_NAMES: readonly NumberFormatKind[] = ["general", "number", "currency", "percent", "date", "time", "text"];

const CURRENCY_CHARS = "$€£¥₹₩₽₺₪฿₫₦₴₱";

const ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
]);

/** Excel error values as Office.js reports them in `values`. */
export function isExcelError(value: unknown): value is string {
  return typeof value === "string" && value.length > 1 && value.charCodeAt(0) === 35 && ERROR_VALUES.has(value.trim().toUpperCase());
}

const formatCache = new Map<string, number>();

function computeFormatCode(format: string): number {
  const trimmed = format.trim();
  if (trimmed === "" || /^general$/i.test(trimmed)) return F_GENERAL;
  // Only the first section (positive numbers) matters for the kind.
  let section = trimmed;
  let currency = false;
  // Locale/currency tags: `[$€-407]` names a currency symbol, `[$-409]` only a locale.
  section = section.replace(/\[\$([^\]-]*)[^\]]*\]/g, (_m, symbol: string) => {
    if (symbol.length > 0) currency = true;
    return "";
  });
  // Quoted literals, escaped characters, padding (`_x`) and fill (`*x`) carry no kind, except a
  // literal currency symbol.
  section = section.replace(/"([^"]*)"/g, (_m, lit: string) => {
    if (hasCurrencyChar(lit)) currency = true;
    return "";
  });
  section = section.replace(/\\(.)/g, (_m, ch: string) => {
    if (hasCurrencyChar(ch)) currency = true;
    return "";
  });
  section = section.replace(/[_*]./g, "");
  section = section.replace(/\[[^\]]*\]/g, (tag) => (/^\[(h+|m+|s+)\]$/i.test(tag) ? "h" : "")); // [Red], [>100]; keep [h]
  const semicolon = section.indexOf(";");
  if (semicolon >= 0) section = section.slice(0, semicolon);
  if (section.trim() === "@") return F_TEXT;
  if (section.includes("%")) return F_PERCENT;
  if (currency || hasCurrencyChar(section)) return F_CURRENCY;
  const lower = section.toLowerCase().replace(/am\/pm|a\/p/g, "h");
  if (/[yd]/.test(lower)) return F_DATE;
  if (/[hs]/.test(lower)) return F_TIME;
  if (/m/.test(lower) && !/[0#?]/.test(lower)) return F_DATE;
  if (/[0#?]/.test(lower)) return F_NUMBER;
  return F_GENERAL;
}

function hasCurrencyChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (CURRENCY_CHARS.includes(text[i])) return true;
  return false;
}

/** Format code for the hot path; cached because a column repeats the same few formats. */
export function formatCode(format: unknown): number {
  if (typeof format !== "string" || format.length === 0) return F_GENERAL;
  let code = formatCache.get(format);
  if (code === undefined) {
    code = computeFormatCode(format);
    if (formatCache.size > 10_000) formatCache.clear();
    formatCache.set(format, code);
  }
  return code;
}

/** What an Excel number format says about its numbers (`"$#,##0.00"` → currency). */
export function classifyNumberFormat(format: string | null | undefined): NumberFormatKind {
  return FORMAT_KIND_NAMES[formatCode(format)];
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
/** 9999-12-31, the last date Excel can show. */
const MAX_SERIAL = 2_958_465;
/** Days between 1899-12-30 (Excel's day 0 in practice) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function serialFromParts(year: number, month: number, day: number, seconds: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1900 || year > 9999) return NaN;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY + EXCEL_EPOCH_OFFSET + seconds / 86_400;
}

/** Excel serial (1900 system) → `yyyy-mm-dd`, or `yyyy-mm-ddThh:mm` when there is a time part. */
export function excelSerialToIso(serial: number): string {
  if (!(serial >= -MAX_SERIAL && serial <= MAX_SERIAL)) return String(serial);
  const ms = Math.round((serial - EXCEL_EPOCH_OFFSET) * MS_PER_DAY);
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 16);
  return time === "00:00" ? iso.slice(0, 10) : iso.slice(0, 16);
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

/** `Jan`, `february`, `Sept` → 1..12; 0 when the text is not a month name. */
export function monthNumber(text: string): number {
  return MONTHS[text.trim().toLowerCase().replace(/\.$/, "")] ?? 0;
}

const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_DATE_RE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$/;
const NAMED_DATE_RE = /^(?:(\d{1,2})[ -])?([A-Za-z]{3,9})\.?[ -](\d{1,2}),?[ -](\d{4})$|^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})$|^([A-Za-z]{3,9})\.?[ -](\d{4})$/;

function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 30 ? 2000 + y : 1900 + y) : y;
}

/** Date text → Excel serial, NaN when it is not a date we recognise. */
function parseDateString(s: string): number {
  let m = ISO_DATE_RE.exec(s);
  if (m) {
    const secs = m[4] ? Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0) : 0;
    return serialFromParts(Number(m[1]), Number(m[2]), Number(m[3]), secs);
  }
  m = SLASH_DATE_RE.exec(s);
  if (m) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    // The workbook's order (m/d/yyyy unless it says day first); dots mean d.m.yyyy; a part
    // that cannot be a month settles it.
    const dayFirst = cultureSlot[2] === 1 || m[2] === ".";
    if (dayFirst ? b <= 12 || a > 12 : a > 12) [a, b] = [b, a];
    let secs = 0;
    if (m[5]) {
      let h = Number(m[5]);
      const ampm = m[8]?.toLowerCase();
      if (ampm === "pm" && h < 12) h += 12;
      if (ampm === "am" && h === 12) h = 0;
      secs = h * 3600 + Number(m[6]) * 60 + Number(m[7] ?? 0);
    }
    return serialFromParts(fullYear(m[4]), a, b, secs);
  }
  m = NAMED_DATE_RE.exec(s);
  if (m) {
    if (m[2]) {
      // `Jan 15, 2024` or `15 Jan 15, 2024`-like text: day after the month name.
      const month = monthNumber(m[2]);
      return month ? serialFromParts(Number(m[4]), month, Number(m[3]), 0) : NaN;
    }
    if (m[6]) {
      const month = monthNumber(m[6]);
      return month ? serialFromParts(fullYear(m[7]), month, Number(m[5]), 0) : NaN;
    }
    const month = monthNumber(m[8]);
    return month ? serialFromParts(Number(m[9]), month, 1, 0) : NaN;
  }
  return NaN;
}

// ---------------------------------------------------------------------------------------------
// Numbers written as text
// ---------------------------------------------------------------------------------------------

/**
 * The culture text is read with: decimal separator, thousands separator (char codes; -1 for
 * none) and date order (0 MDY, 1 DMY, 2 YMD). A typed array for the same reason as `numberSlot`.
 */
const cultureSlot = new Int32Array([46, 44, 0]);

/** Reads text numbers and dates in this culture from now on (the scan sets it per selection). */
export function setCulture(culture: WorkbookCulture): void {
  cultureSlot[0] = culture.decimalSeparator.charCodeAt(0);
  cultureSlot[1] = culture.thousandsSeparator.length > 0 ? culture.thousandsSeparator.charCodeAt(0) : -1;
  cultureSlot[2] = culture.dateOrder === "DMY" ? 1 : culture.dateOrder === "YMD" ? 2 : 0;
}

/**
 * Set by `classifyInto`: the cell's number, when it has one. A typed-array slot rather than an
 * exported `let`, because transpiled live bindings turn every read into a getter call.
 */
export const numberSlot = new Float64Array(1);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads `1,200.50`, `$1,200.50`, `-$5`, `(1,200)`, `12%`, `1.5e3`, `1 200 €` (and `1.200,50` in
 * a culture with a decimal comma). Returns the kind
 * (number, currency or percent) and leaves the value in `numberSlot[0]`; -1 when not a number.
 */
function parseNumericString(s: string): number {
  const n = s.length;
  let i = 0;
  let negative = false;
  let paren = false;
  let currency = false;
  let percent = false;
  if (s.charCodeAt(i) === 40 /* ( */) {
    paren = true;
    i++;
  }
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43 || c === 0x2212 /* − */) {
    negative = c !== 43;
    i++;
  }
  if (i < n && CURRENCY_CHARS.includes(s[i])) {
    currency = true;
    i++;
    while (s.charCodeAt(i) === 32) i++;
    c = s.charCodeAt(i);
    if (c === 45 || c === 0x2212) {
      if (negative) return -1;
      negative = true;
      i++;
    }
  }
  // Mantissa: digits with optional thousands separators (`,` or a space, groups of three), then
  // an optional fraction and exponent.
  const start = i;
  const decimal = cultureSlot[0];
  const thousands = cultureSlot[1];
  let intDigits = 0;
  let groupLen = -1; // digits since the last separator, -1 before any separator
  let separators = false;
  while (i < n) {
    c = s.charCodeAt(i);
    if (isDigit(c)) {
      intDigits++;
      if (groupLen >= 0) groupLen++;
      i++;
    } else if ((c === thousands || c === 32 || c === 0xa0 || c === 0x202f) && c !== decimal && intDigits > 0 && i + 1 < n && isDigit(s.charCodeAt(i + 1))) {
      if (groupLen >= 0 && groupLen !== 3) return -1;
      if (groupLen < 0 && intDigits > 3) return -1;
      groupLen = 0;
      separators = true;
      i++;
    } else break;
  }
  if (groupLen >= 0 && groupLen !== 3) return -1;
  let fracDigits = 0;
  let decimalAt = -1;
  if (s.charCodeAt(i) === decimal) {
    decimalAt = i;
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      fracDigits++;
      i++;
    }
  }
  if (intDigits + fracDigits === 0) return -1;
  c = s.charCodeAt(i);
  // Exponents only after a decimal part: `1.5e3` is a number, `3E4` or `0E8` is a part or airport code.
  if ((c === 101 || c === 69) && !separators && decimalAt >= 0) {
    let j = i + 1;
    const sign = s.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (!isDigit(s.charCodeAt(j))) return -1;
    while (j < n && isDigit(s.charCodeAt(j))) j++;
    i = j;
  }
  const end = i;
  while (s.charCodeAt(i) === 32) i++;
  if (i < n && CURRENCY_CHARS.includes(s[i])) {
    if (currency) return -1;
    currency = true;
    i++;
    while (s.charCodeAt(i) === 32) i++;
  }
  if (s.charCodeAt(i) === 37 /* % */) {
    percent = true;
    i++;
  }
  if (paren) {
    if (s.charCodeAt(i) !== 41 /* ) */) return -1;
    if (negative) return -1;
    negative = true;
    i++;
  }
  if (i !== n || (currency && percent)) return -1;
  let text = s.slice(start, end);
  if (separators || decimalAt >= 0) {
    let plain = "";
    for (let k = start; k < end; k++) {
      const ch = s.charCodeAt(k);
      if (k === decimalAt) plain += ".";
      else if (isDigit(ch) || ch === 101 || ch === 69 || ch === 43 || ch === 45) plain += s[k];
    }
    text = plain;
  }
  let value = Number(text);
  if (!Number.isFinite(value)) return -1;
  if (negative) value = -value;
  if (percent) value /= 100;
  numberSlot[0] = value;
  return currency ? K_CURRENCY : percent ? K_PERCENT : K_NUMBER;
}

function parseDateOrText(s: string): number {
  const serial = parseDateString(s);
  if (Number.isNaN(serial)) return K_TEXT;
  numberSlot[0] = serial;
  return K_DATE;
}

function classifyString(raw: string, fmt: number): number {
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  const s = first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 ? raw.trim() : raw;
  if (s.length === 0) return K_EMPTY;
  const c = s.charCodeAt(0);
  if (c === 35 /* # */) return ERROR_VALUES.has(s.toUpperCase()) ? K_ERROR : K_TEXT;
  if (fmt === F_TEXT) return K_TEXT;
  if (s.length > 40) return K_TEXT;
  if (isDigit(c)) {
    // Leading zeros ("00501", "007") make a code, which stays text as Excel keeps it.
    if (c === 48 && s.length > 1 && isDigit(s.charCodeAt(1))) return parseDateOrText(s);
    const kind = parseNumericString(s);
    if (kind >= 0) {
      // A bare 4-digit year stays a number; `2024-01-15` fails the numeric parser and lands below.
      return fmt === F_DATE && kind === K_NUMBER ? K_DATE : kind;
    }
    const serial = parseDateString(s);
    if (!Number.isNaN(serial)) {
      numberSlot[0] = serial;
      return K_DATE;
    }
    return K_TEXT;
  }
  if (c === 45 || c === 43 || c === 40 || c === 46 || c === 0x2212 || CURRENCY_CHARS.includes(s[0])) {
    const kind = parseNumericString(s);
    return kind >= 0 ? kind : K_TEXT;
  }
  // Letters: booleans as text from older add-ins, and month-name dates (`Jan 15, 2024`).
  const len = s.length;
  if (len === 4 || len === 5) {
    const lower = s.toLowerCase();
    if (lower === "true" || lower === "false") {
      numberSlot[0] = lower === "true" ? 1 : 0;
      return K_BOOLEAN;
    }
  }
  if (len >= 8 && len <= 20 && isDigit(s.charCodeAt(len - 1)) && MONTHS[s.slice(0, 3).toLowerCase()] !== undefined) {
    const serial = parseDateString(s);
    if (!Number.isNaN(serial)) {
      numberSlot[0] = serial;
      return K_DATE;
    }
  }
  return K_TEXT;
}

/**
 * Hot-path classifier: returns a kind code and, for number/currency/percent/date/boolean, leaves
 * the numeric value (date → Excel serial, percent → fraction) in `numberSlot[0]`.
 */
export function classifyInto(value: unknown, fmt: number): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return K_ERROR;
    numberSlot[0] = value;
    switch (fmt) {
      case F_CURRENCY:
        return K_CURRENCY;
      case F_PERCENT:
        return K_PERCENT;
      case F_DATE:
        // Excel shows ##### for serials outside 0 … 9999-12-31: they are not dates.
        return value >= 0 && value <= MAX_SERIAL ? K_DATE : K_NUMBER;
      default:
        return K_NUMBER;
    }
  }
  if (typeof value === "string") {
    if (value.length === 0) return K_EMPTY;
    return classifyString(value, fmt);
  }
  if (value === null || value === undefined) return K_EMPTY;
  if (typeof value === "boolean") {
    numberSlot[0] = value ? 1 : 0;
    return K_BOOLEAN;
  }
  return K_TEXT;
}

/** What one cell holds and its number (date → Excel serial, percent → fraction), for callers outside the hot path. */
export function classifyCell(value: unknown, numberFormat?: string | null): { kind: CellKind; number: number | null } {
  const kind = classifyInto(value, formatCode(numberFormat));
  const hasNumber = kind !== K_EMPTY && kind !== K_TEXT && kind !== K_ERROR;
  return { kind: KIND_NAMES[kind], number: hasNumber ? numberSlot[0] : null };
}
