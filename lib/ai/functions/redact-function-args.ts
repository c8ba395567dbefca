// PII redaction of an in-cell function call, when the user's preference or their workspace's
// policy asks for it: emails, phone numbers, card numbers and IBANs in the data the call is about
// (ASK's prompt and range, CLASSIFY's value, EXTRACT's text) are masked before the cache key is
// made and before anything reaches a model. CLASSIFY's labels and EXTRACT's `what` say what to
// do, not what to read, and are kept as written so the answer can still be one of them.
import { redactText } from "@/lib/privacy/redact-pii";
import type { CellScalar, FunctionArgs } from "./function-args";

const masked = (text: string) => redactText(text).text;
const maskedCell = (value: CellScalar) => (typeof value === "string" ? masked(value) : value);

export function redactFunctionArgs(args: FunctionArgs): FunctionArgs {
  switch (args.name) {
    case "ASK":
      return { ...args, prompt: masked(args.prompt), range: args.range ? args.range.map((row) => row.map(maskedCell)) : null };
    case "CLASSIFY":
      return { ...args, value: maskedCell(args.value) };
    case "EXTRACT":
      return { ...args, text: masked(args.text) };
  }
}
