// The in-cell functions as Excel calls them, registered in the pane's shared runtime under the
// AI namespace (=AI.ASK, =AI.CLASSIFY, =AI.EXTRACT). Each hands its arguments to the batcher and
// turns the answer into the cell's value, or into Excel's error with a message saying what went
// wrong (an over-limit cell says which limit and when it resets; never a stale or empty value).
// The JSDoc below is what Excel shows as each function's help; functions-metadata.ts carries the
// same text in the JSON Excel reads, and a test keeps the two identical.
import type { BatchOutcome, CellValue, FunctionBatcher } from "./function-batcher";

/** The Excel error each failure shows: #BUSY! for a limit that frees up in a minute, #N/A otherwise, #VALUE! for bad arguments. */
export function excelErrorCode(code: string): "busy" | "notAvailable" | "invalidValue" {
  if (code === "rate_limited") return "busy";
  if (code === "bad_request") return "invalidValue";
  return "notAvailable";
}

/** What the runtime's global CustomFunctions offers that these functions use. */
export interface CustomFunctionsApi {
  // biome-ignore lint/suspicious/noExplicitAny: Excel passes whatever the cells hold.
  associate(id: string, fn: (...args: any[]) => unknown): void;
  Error: new (code: string, message?: string) => Error;
  ErrorCode: Record<"busy" | "notAvailable" | "invalidValue", string>;
}

function toCell(api: CustomFunctionsApi, outcome: BatchOutcome): CellValue {
  if (outcome.ok) return outcome.value;
  const code = excelErrorCode(outcome.code);
  // Excel shows at most 255 characters of an error's message.
  throw new api.Error(api.ErrorCode[code], outcome.message.slice(0, 255));
}

export function createCustomFunctions(api: CustomFunctionsApi, batcher: FunctionBatcher) {
  /**
   * Answers a question in one cell, optionally about a range of cells.
   * @customfunction ASK ASK
   * @param {string} prompt The question to answer, e.g. "Which region grew most?".
   * @param {any[][]} [range] Optional cells the question is about, e.g. A1:D20.
   * @returns {Promise<any>} The answer: a short text, or a number when the answer is one.
   */
  async function ask(prompt: string, range?: unknown[][] | null): Promise<CellValue> {
    return toCell(api, await batcher.call("ASK", range === undefined || range === null ? [prompt] : [prompt, range]));
  }

  /**
   * Picks the one label that best fits a value.
   * @customfunction CLASSIFY CLASSIFY
   * @param {any} value The text or cell to classify, e.g. A2.
   * @param {any[][]} labels The labels to choose from, e.g. B1:B3 or "High, Medium, Low".
   * @returns {Promise<string>} Exactly one of the labels.
   */
  async function classify(value: unknown, labels: unknown[][]): Promise<CellValue> {
    return toCell(api, await batcher.call("CLASSIFY", [value, labels]));
  }

  /**
   * Extracts a piece of information from text.
   * @customfunction EXTRACT EXTRACT
   * @param {any} text The text or cell to extract from, e.g. A2.
   * @param {string} what What to extract, e.g. "email", "phone number", "invoice total".
   * @returns {Promise<any>} What was found; several matches are separated by commas.
   */
  async function extract(text: unknown, what: string): Promise<CellValue> {
    return toCell(api, await batcher.call("EXTRACT", [text, what]));
  }

  return { ASK: ask, CLASSIFY: classify, EXTRACT: extract };
}

/** Associates the functions with their ids in functions.json; call once, as the runtime starts. */
export function registerCustomFunctions(api: CustomFunctionsApi, batcher: FunctionBatcher): void {
  for (const [id, fn] of Object.entries(createCustomFunctions(api, batcher))) api.associate(id, fn);
  // /addin/functions.js checks this, so it never replaces the pane's functions with its fallback.
  (globalThis as { __aiFunctionsRegistered?: boolean }).__aiFunctionsRegistered = true;
}
