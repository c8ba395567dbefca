// The AI response cache key: stable for the same question, blind to what does not change the
// answer (whitespace, ids, key order), and different whenever the user, model, provider, prompt
// version, conversation or spreadsheet differs.
import { describe, expect, it } from "vitest";
import type { UIMessage } from "ai";
import { writeCanonicalJson } from "@/lib/ai/cache/canonical-json";
import { cacheScopeFor, userCacheScope } from "@/lib/ai/cache/cache-scope";
import { CACHE_KEY_PREFIX, computeCacheKey, type CacheKeyInput } from "@/lib/ai/cache/compute-cache-key";
import { normalizeMessages } from "@/lib/ai/cache/normalize-messages";
import { PROMPT_VERSION } from "@/lib/ai/prompts/prompt-version";
import { parseExcelContext } from "@/lib/excel/context-schema";
import { salesByRegion } from "@/tests/fixtures/excel/sheets";

const USER_A = "11111111-1111-4111-8111-111111111111";
const USER_B = "22222222-2222-4222-8222-222222222222";

function messages(question: string): UIMessage[] {
  return [
    { id: "m1", role: "user", parts: [{ type: "text", text: "What is in this range?" }] },
    {
      id: "m2",
      role: "assistant",
      parts: [
        { type: "step-start" },
        { type: "text", text: "Sales by region.", state: "done" },
        { type: "tool-writeFormula", toolCallId: "call_abc", state: "input-available", input: { range: "O4", formula: "=SUM(C4:N4)" } },
      ],
    },
    { id: "m3", role: "user", parts: [{ type: "text", text: question }] },
  ];
}

function context(mutate?: (raw: ReturnType<typeof salesByRegion>) => void) {
  const raw = salesByRegion();
  mutate?.(raw);
  return parseExcelContext(raw, { maxCells: 10_000 });
}

function input(overrides: Partial<CacheKeyInput> = {}): CacheKeyInput {
  return {
    scope: userCacheScope(USER_A),
    model: "gpt-4o-mini",
    provider: "openai",
    messages: messages("Which region grew fastest?"),
    context: context(),
    ...overrides,
  };
}

describe("computeCacheKey", () => {
  it("gives the same key for the same inputs, under the user's scope", () => {
    const key = computeCacheKey(input());
    expect(key).toBe(computeCacheKey(input()));
    expect(key).toMatch(new RegExp(`^${CACHE_KEY_PREFIX}user:${USER_A}:[0-9a-f]{64}$`));
  });

  it("defaults the prompt version to the current PROMPT_VERSION", () => {
    expect(computeCacheKey(input())).toBe(computeCacheKey(input({ promptVersion: PROMPT_VERSION })));
  });

  it("ignores whitespace-only differences, message ids, tool call ids and streaming state", () => {
    const spaced = messages("  Which   region\n\tgrew fastest? \n");
    spaced[0].id = "other";
    const assistant = spaced[1].parts as Record<string, unknown>[];
    assistant[1] = { type: "text", text: "Sales  by\nregion. ", state: "streaming" };
    assistant[2] = { ...assistant[2], toolCallId: "call_xyz" };
    expect(computeCacheKey(input({ messages: spaced }))).toBe(computeCacheKey(input()));
  });

  it("ignores the key order of the context and of tool inputs", () => {
    const reordered = context();
    const shuffled = Object.fromEntries(Object.entries(reordered!).reverse());
    const swapped = messages("Which region grew fastest?");
    (swapped[1].parts as Record<string, unknown>[])[2].input = { formula: "=SUM(C4:N4)", range: "O4" };
    expect(computeCacheKey(input({ context: shuffled as never, messages: swapped }))).toBe(computeCacheKey(input()));
  });

  it("differs for another user, model, provider, prompt version or variant", () => {
    const base = computeCacheKey(input());
    const others = [
      computeCacheKey(input({ scope: userCacheScope(USER_B) })),
      computeCacheKey(input({ model: "gpt-4o" })),
      computeCacheKey(input({ provider: "azure" })),
      computeCacheKey(input({ promptVersion: "1999-01-01.1" })),
      computeCacheKey(input({ variant: { writeMode: "read_only" } })),
    ];
    for (const other of others) expect(other).not.toBe(base);
    expect(new Set(others).size).toBe(others.length);
  });

  it("differs when one cell value, formula, number format or the address changes", () => {
    const base = computeCacheKey(input());
    const variants = [
      context((raw) => {
        raw.selectedRange.values[2][3] = 1351;
      }),
      context((raw) => {
        (raw.selectedRange as Record<string, unknown>).formulas = raw.selectedRange.values.map((row) => row.map(String));
      }),
      context((raw) => {
        (raw.selectedRange.numberFormat[1] as string[])[1] = "0.00%";
      }),
      context((raw) => {
        raw.selectedRange.address = "'Sales 2024'!B4:N8";
      }),
      null,
    ];
    const keys = variants.map((value) => computeCacheKey(input({ context: value })));
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("differs when the question, an earlier answer or a tool decision differs", () => {
    const base = computeCacheKey(input());
    expect(computeCacheKey(input({ messages: messages("Which region shrank?") }))).not.toBe(base);
    const approved = messages("Which region grew fastest?");
    (approved[1].parts as Record<string, unknown>[])[2] = {
      type: "tool-writeFormula",
      toolCallId: "call_abc",
      state: "output-available",
      input: { range: "O4", formula: "=SUM(C4:N4)" },
      output: { applied: true },
    };
    expect(computeCacheKey(input({ messages: approved }))).not.toBe(base);
    // A different file with the same question is a different question.
    const withFile = (url: string): UIMessage[] => [
      { id: "f", role: "user", parts: [{ type: "file", mediaType: "text/csv", url }, { type: "text", text: "Sum it" }] },
    ];
    expect(computeCacheKey(input({ messages: withFile("data:text/csv,a\n1") }))).not.toBe(
      computeCacheKey(input({ messages: withFile("data:text/csv,a\n2") })),
    );
  });

  it("refuses a missing or malformed scope instead of caching globally", () => {
    expect(() => computeCacheKey(input({ scope: "" as never }))).toThrow(TypeError);
    expect(() => computeCacheKey(input({ scope: "global" as never }))).toThrow(TypeError);
    expect(() => userCacheScope("a b")).toThrow(TypeError);
  });

  it("hashes a million-cell selection in well under a second", () => {
    const row = Array.from({ length: 100 }, (_, i) => i * 1.5);
    const values = Array.from({ length: 10_000 }, () => row);
    const big = parseExcelContext({ selectedRange: { address: "A1:CV10000", values } }, { maxCells: 2_000_000 });
    const started = performance.now();
    const key = computeCacheKey(input({ context: big }));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(key).not.toBe(computeCacheKey(input()));
  });
});

describe("cache scope", () => {
  it("is per user, and guests get none", () => {
    expect(cacheScopeFor({ kind: "guest", ip: "203.0.113.5" })).toBeNull();
    expect(
      cacheScopeFor({
        kind: "user",
        userId: USER_A,
        email: "a@example.test",
        via: "bearer",
        claims: { sub: USER_A, role: "authenticated" },
      }),
    ).toBe(`user:${USER_A}`);
  });
});

describe("normalization", () => {
  it("keeps text and tool parts, drops step starts and reasoning", () => {
    expect(
      normalizeMessages([
        {
          role: "assistant",
          parts: [
            { type: "step-start" },
            { type: "reasoning", text: "thinking" },
            { type: "text", text: " a\n b " },
            { type: "dynamic-tool", toolName: "chart", toolCallId: "x", state: "input-available", input: { kind: "bar" } },
          ],
        },
        { role: "user", parts: [{ type: "text", text: "   " }] },
      ]),
    ).toEqual([
      {
        role: "assistant",
        parts: [
          { type: "text", text: "a b" },
          { type: "tool", name: "chart", state: "input-available", input: { kind: "bar" }, output: undefined, errorText: undefined, approved: undefined },
        ],
      },
    ]);
  });

  it("canonical JSON sorts keys and drops undefined members", () => {
    const canonicalJson = (value: unknown) => {
      let out = "";
      writeCanonicalJson(value, (piece) => {
        out += piece;
      });
      return out;
    };
    expect(canonicalJson({ b: 1, a: [3, undefined, { d: undefined, c: Infinity }], e: "x" })).toBe('{"a":[3,null,{"c":null}],"b":1,"e":"x"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });
});
