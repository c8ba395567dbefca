// A conversation is titled after its first question: the first line, whitespace collapsed,
// invisible characters removed, cut at a word boundary.
import { stripInvisibleCharacters } from "@/lib/ai/prompts/strip-invisible-characters";

const MAX_TITLE_LENGTH = 80;

export function titleFromMessage(text: string): string {
  const line = stripInvisibleCharacters(text)
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .find((l) => l.length > 0);
  if (!line) return "New conversation";
  if (line.length <= MAX_TITLE_LENGTH) return line;
  const cut = line.slice(0, MAX_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
