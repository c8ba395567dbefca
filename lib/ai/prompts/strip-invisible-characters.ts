// Text that reaches the model from a spreadsheet (or pasted into a message) may carry characters
// a person never sees but a model reads: Unicode tag characters (U+E0000–U+E007F, used for
// "ASCII smuggling" of hidden instructions), zero-width characters, bidirectional overrides that
// make text read differently on screen than in the prompt, variation selectors (another
// smuggling channel) and C0/C1 control characters. They carry no meaning in a cell, so they are
// removed before any text is put into a prompt.

// One character class, built once. Tab, line feed and carriage return are kept: cells and
// messages legitimately contain them.
const INVISIBLE = new RegExp(
  [
    "[\\u{E0000}-\\u{E007F}]", // tag characters
    "[\\u{E0100}-\\u{E01EF}]", // variation selectors supplement
    "[\\uFE00-\\uFE0F]", // variation selectors
    "[\\u200B-\\u200F]", // zero-width space/non-joiner/joiner, LRM, RLM
    "[\\u202A-\\u202E]", // bidi embeddings and overrides
    "[\\u2060-\\u2064]", // word joiner, invisible operators
    "[\\u2066-\\u2069]", // bidi isolates
    "[\\u206A-\\u206F]", // deprecated format characters
    "\\u00AD", // soft hyphen
    "\\u034F", // combining grapheme joiner
    "\\u061C", // Arabic letter mark
    "[\\u115F\\u1160\\u3164\\uFFA0]", // Hangul fillers (render as blanks)
    "\\u180E", // Mongolian vowel separator
    "\\uFEFF", // zero-width no-break space / BOM
    "[\\uFFF9-\\uFFFB]", // interlinear annotation controls
    "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]", // control characters
  ].join("|"),
  "gu",
);

/** Removes invisible, tag, bidi-control and control characters; keeps tab and newlines. */
export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** True when `text` contains anything `stripInvisibleCharacters` would remove. */
export function hasInvisibleCharacters(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}
