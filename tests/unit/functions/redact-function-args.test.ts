// PII redaction of in-cell function calls: the data a call is about is masked, what it asks for
// (CLASSIFY's labels, EXTRACT's `what`) is kept, and values that only look like numbers stay.
import { describe, expect, it } from "vitest";
import { redactFunctionArgs } from "@/lib/ai/functions/redact-function-args";

describe("redactFunctionArgs", () => {
  it("masks emails, phones and cards in the data of each function, and keeps labels and what to extract", () => {
    expect(redactFunctionArgs({ name: "ASK", prompt: "Who is ann@example.com?", range: [["Name", "Phone", "Amount"], ["Ann", "+44 20 7946 0958", 1200]] })).toEqual({
      name: "ASK",
      prompt: "Who is [EMAIL]?",
      range: [["Name", "Phone", "Amount"], ["Ann", "[PHONE]", 1200]],
    });
    expect(redactFunctionArgs({ name: "CLASSIFY", value: "Card 4111 1111 1111 1111 for bob@example.org", labels: ["bob@example.org", "Other"] })).toEqual({
      name: "CLASSIFY",
      value: "Card [CARD] for [EMAIL]",
      labels: ["bob@example.org", "Other"],
    });
    expect(redactFunctionArgs({ name: "EXTRACT", text: "Invoice 2026-11-30 from ann@example.com, total 1,250.50", what: "email" })).toEqual({
      name: "EXTRACT",
      text: "Invoice 2026-11-30 from [EMAIL], total 1,250.50",
      what: "email",
    });
    expect(redactFunctionArgs({ name: "ASK", prompt: "Total?", range: null })).toEqual({ name: "ASK", prompt: "Total?", range: null });
  });
});
