// Reads an Excel formula (English, A1 style — what Office.js `range.formulas` and the file
// formats hold) into tokens, so a decision about the formula can rest on what Excel would see:
// which functions are called and which are passed by name, what each reference points to, what
// is only text inside a string. No evaluation and no grammar beyond that; one pass, linear time,
// and no Node or browser APIs, so the server, the add-in and the playground share it.
//
// What it knows about the syntax:
// - "strings" with doubled quotes; 'quoted sheet names' with doubled apostrophes, always
//   followed by `!` (or `|` in a DDE link);
// - references with a prefix: Sheet1!A1, Sheet1:Sheet3!A1, [Book2]Sheet1!A1, [1]Sheet1!A1,
//   '[Budget]Q1'!B2, 'C:\dir\[x.xlsx]S'!A1, Book2.xlsx!Name — the prefix is kept as written;
// - structured references, brackets nested and `'`-escaped: Table1[[#This Row],[Amount]], [@Qty];
// - array constants {1,2;3,4}, error literals (#N/A, #DIV/0!…), the spill `#` after a reference;
// - NAME( as a call, at any depth, whitespace allowed before the bracket; a name not followed by
//   a bracket is a name token, which is how a function passed by name (MAP(A1:A3,WEBSERVICE))
//   shows up;
// - `|` outside text, which only a DDE link (app|topic!item) uses.
// Anything else — an unclosed string, quote, bracket or brace, an unknown character — stops the
// reading with an error, and the caller must treat the formula as unreadable.

/** What stood before `!`: a sheet, a 3D sheet span, or something naming another workbook or file. */
export interface ReferencePrefix {
  /** As written, without the enclosing quotes and with doubled apostrophes undone. */
  text: string;
  quoted: boolean;
}

export type FormulaToken =
  | { kind: "number"; text: string; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "error"; text: string; prefix: ReferencePrefix | null; at: number }
  /** A cell or range reference, a defined name, a LET/LAMBDA name, TRUE/FALSE, or a function passed by name. */
  | { kind: "name"; text: string; prefix: ReferencePrefix | null; at: number }
  /** NAME( — the bracket opens the call's arguments, closed by a "close" token. */
  | { kind: "call"; name: string; prefix: ReferencePrefix | null; at: number }
  /** Table1[…] or […] inside a table; `selector` is the bracketed part as written. */
  | { kind: "structured"; table: string | null; selector: string; prefix: ReferencePrefix | null; at: number }
  /** Brackets in a shape only references into another workbook take: [Book2]Name, [Book2.xlsx]Sales. */
  | { kind: "bracketed"; text: string; at: number }
  /** `|`: the application/topic separator of a DDE link. */
  | { kind: "dde"; at: number }
  | { kind: "open"; at: number }
  | { kind: "close"; at: number }
  | { kind: "array-open"; at: number }
  | { kind: "array-close"; at: number }
  | { kind: "separator"; text: "," | ";"; at: number }
  | { kind: "operator"; text: string; at: number };

export interface TokenizedFormula {
  tokens: FormulaToken[];
  /** Why the text is not a formula Excel could read, and where; null when it read to the end. */
  error: { message: string; at: number } | null;
}

/** Error values Excel writes as literals (upper case; matched case-insensitively). */
const ERROR_LITERALS = [
  "#GETTING_DATA",
  "#EXTERNAL!",
  "#UNKNOWN!",
  "#BLOCKED!",
  "#CONNECT!",
  "#TIMEOUT!",
  "#PYTHON!",
  "#DIV/0!",
  "#VALUE!",
  "#SPILL!",
  "#FIELD!",
  "#NULL!",
  "#NAME?",
  "#CALC!",
  "#BUSY!",
  "#REF!",
  "#NUM!",
  "#N/A",
];

// Characters of names and references: letters, digits and marks of any script, `_ . \ ? $`, and
// invisible format characters (kept inside the word so a zero-width space cannot split a
// function name into something that no longer matches).
const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Cf}_.\\?$]/u;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const SPACE = /\s/;

/** Spaces and line breaks (Alt+Enter in a formula), and any other Unicode space: lenient on purpose, it only separates. */
function isSpace(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  // ASCII first: letters, digits, _ . \ ? $ — the regular expression only for the rest.
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 46 || code === 92 || code === 63 || code === 36;
  return WORD_CHAR.test(ch);
}

class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** A word: runs of name characters and [bracketed] groups, e.g. `Table1[[#This Row],[Amount]]`. */
interface Word {
  text: string;
  /** Name characters before the first bracket group, after the last, and how many groups. */
  head: string;
  tail: string;
  groups: number;
}

export function tokenizeFormula(formula: string): TokenizedFormula {
  const tokens: FormulaToken[] = [];
  const src = formula;
  const n = src.length;
  let i = 0;
  // Open brackets and braces, innermost last: what a ")" or "}" must close, and what never was.
  const open: { kind: "paren" | "brace"; at: number }[] = [];

  const skipSpace = () => {
    while (i < n && isSpace(src[i])) i++;
  };

  /** From `[` at i to just past its matching `]`; inside, `'` escapes the next character. */
  const readBracket = (): string => {
    const start = i;
    let depth = 0;
    while (i < n) {
      const ch = src[i];
      if (ch === "'") {
        i += 2;
        continue;
      }
      if (ch === "[") depth++;
      else if (ch === "]") {
        depth--;
        if (depth === 0) {
          i++;
          return src.slice(start, i);
        }
      }
      i++;
    }
    throw new FormulaSyntaxError("a [ is never closed", start);
  };

  const readWord = (): Word => {
    const start = i;
    let head = "";
    let tail = "";
    let groups = 0;
    let runStart = i;
    while (i < n) {
      if (isWordChar(src[i])) {
        i++;
        continue;
      }
      if (src[i] === "[") {
        if (groups === 0) head = src.slice(runStart, i);
        readBracket();
        groups++;
        runStart = i;
        continue;
      }
      break;
    }
    if (groups === 0) head = src.slice(runStart, i);
    else tail = src.slice(runStart, i);
    return { text: src.slice(start, i), head, tail, groups };
  };

  /** 'quoted name' at i, doubled apostrophes undone. */
  const readQuoted = (): string => {
    const start = i;
    i++;
    let value = "";
    while (i < n) {
      if (src[i] === "'") {
        if (src[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        i++;
        return value;
      }
      value += src[i++];
    }
    throw new FormulaSyntaxError("a quoted sheet name is never closed", start);
  };

  const readString = (): string => {
    const start = i;
    i++;
    let value = "";
    while (i < n) {
      if (src[i] === '"') {
        if (src[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        i++;
        return value;
      }
      value += src[i++];
    }
    throw new FormulaSyntaxError("a text in quotes is never closed", start);
  };

  const readErrorLiteral = (): string | null => {
    const ahead = src.slice(i, i + 16).toUpperCase();
    const literal = ERROR_LITERALS.find((e) => ahead.startsWith(e));
    if (!literal) return null;
    i += literal.length;
    return src.slice(i - literal.length, i);
  };

  /** Whether `(` follows, possibly after spaces; consumes them and the bracket if so. */
  const callFollows = (): boolean => {
    const save = i;
    skipSpace();
    if (src[i] === "(") {
      i++;
      return true;
    }
    i = save;
    return false;
  };

  /** A word with no prefix, or the part after `Prefix!`, as the token it is. */
  const pushWord = (word: Word, prefix: ReferencePrefix | null, at: number) => {
    if (word.groups === 0) {
      if (callFollows()) {
        tokens.push({ kind: "call", name: word.text, prefix, at });
        open.push({ kind: "paren", at: i - 1 });
      } else tokens.push({ kind: "name", text: word.text, prefix, at });
      return;
    }
    if (word.groups === 1 && word.tail === "") {
      tokens.push({ kind: "structured", table: word.head || null, selector: word.text.slice(word.head.length), prefix, at });
      return;
    }
    // [Book2]Name, [Book2.xlsx]Sheet1 without "!", \dir\[x.xlsx]S…: only external references
    // put name characters after a bracket group.
    tokens.push({ kind: "bracketed", text: word.text, at });
  };

  /** After `!`: the reference (A1, $A:$A, Name, Table1[Col]) or an error literal (#REF!). */
  const readAfterPrefix = (prefix: ReferencePrefix) => {
    const at = i;
    if (src[i] === "#") {
      const literal = readErrorLiteral();
      if (!literal) throw new FormulaSyntaxError(`"#" after "${prefix.text}!" is not an error value`, at);
      tokens.push({ kind: "error", text: literal, prefix, at });
      return;
    }
    if (!isWordChar(src[i]) && src[i] !== "[") throw new FormulaSyntaxError(`nothing that can be referred to follows "${prefix.text}!"`, at);
    pushWord(readWord(), prefix, at);
  };

  const previousIsReference = (): boolean => {
    const last = tokens[tokens.length - 1];
    return last !== undefined && (last.kind === "name" || last.kind === "structured" || last.kind === "close");
  };

  try {
    // One leading "=" marks the formula; "+", "-" and "@" are operators Excel keeps.
    skipSpace();
    if (src[i] === "=") i++;

    while (i < n) {
      const ch = src[i];
      const at = i;
      if (isSpace(ch)) {
        i++;
        continue;
      }
      if (ch === '"') {
        tokens.push({ kind: "string", value: readString(), at });
        continue;
      }
      if (ch === "'") {
        const text = readQuoted();
        if (src[i] === "!") {
          i++;
          readAfterPrefix({ text, quoted: true });
        } else if (src[i] === "|") {
          i++;
          tokens.push({ kind: "dde", at: i - 1 });
        } else throw new FormulaSyntaxError(`the quoted name '${text}' is not followed by "!"`, at);
        continue;
      }
      if (isDigit(ch) || (ch === "." && isDigit(src[i + 1]))) {
        NUMBER.lastIndex = i;
        // NUMBER always matches here: the text starts with a digit, or a dot before one.
        const text = NUMBER.exec(src)?.[0] ?? ch;
        i += text.length;
        tokens.push({ kind: "number", text, at });
        continue;
      }
      if (isWordChar(ch) || ch === "[") {
        const word = readWord();
        if (src[i] === "!") {
          i++;
          readAfterPrefix({ text: word.text, quoted: false });
        } else pushWord(word, null, at);
        continue;
      }
      if (ch === "#") {
        const literal = readErrorLiteral();
        if (literal) tokens.push({ kind: "error", text: literal, prefix: null, at });
        else if (previousIsReference()) {
          i++;
          tokens.push({ kind: "operator", text: "#", at });
        } else throw new FormulaSyntaxError('"#" is neither an error value nor a spill reference', at);
        continue;
      }
      if (ch === "|") {
        i++;
        tokens.push({ kind: "dde", at });
        continue;
      }
      if (ch === "(") {
        i++;
        tokens.push({ kind: "open", at });
        open.push({ kind: "paren", at });
        continue;
      }
      if (ch === ")") {
        if (open.pop()?.kind !== "paren") throw new FormulaSyntaxError('a ")" closes nothing', at);
        i++;
        tokens.push({ kind: "close", at });
        continue;
      }
      if (ch === "{") {
        i++;
        tokens.push({ kind: "array-open", at });
        open.push({ kind: "brace", at });
        continue;
      }
      if (ch === "}") {
        if (open.pop()?.kind !== "brace") throw new FormulaSyntaxError('a "}" closes nothing', at);
        i++;
        tokens.push({ kind: "array-close", at });
        continue;
      }
      if (ch === "," || ch === ";") {
        i++;
        tokens.push({ kind: "separator", text: ch, at });
        continue;
      }
      if (ch === "<" || ch === ">") {
        const two = src.slice(i, i + 2);
        const text = two === "<=" || two === ">=" || two === "<>" ? two : ch;
        i += text.length;
        tokens.push({ kind: "operator", text, at });
        continue;
      }
      if (ch === "/" && src[i + 1] === "/") throw new FormulaSyntaxError('"//" is not Excel syntax (a web address outside quotes?)', at);
      if ("+-*/^&=%:@".includes(ch)) {
        i++;
        tokens.push({ kind: "operator", text: ch, at });
        continue;
      }
      throw new FormulaSyntaxError(`the character ${JSON.stringify(ch)} is not Excel syntax here`, at);
    }
    const unclosed = open[open.length - 1];
    if (unclosed) throw new FormulaSyntaxError(unclosed.kind === "paren" ? 'a "(" is never closed' : 'a "{" is never closed', unclosed.at);
    return { tokens, error: null };
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { tokens, error: { message: error.message, at: error.at } };
    throw error;
  }
}
