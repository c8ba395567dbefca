import { it } from "vitest";
import { streamText, createUIMessageStreamResponse } from "ai";
import { analyzeExcelContext, buildCompactContext, parseExcelContext } from "@/lib/excel";
import { buildPrompt } from "@/lib/ai/prompts/build-prompt";
import { excelTools } from "@/lib/ai/tools/excel-tools";
import { streamAnswer } from "@/lib/ai/chat/stream-answer";
import { createProviderChain } from "@/lib/ai/providers/get-provider-chain";
import { createMockLanguageModel } from "@/lib/ai/providers/mock-language-model";
import { runChat } from "@/lib/ai/chat/run-chat";
async function time(label: string, fn: () => Promise<unknown> | unknown, n = 300) {
  for (let i = 0; i < 30; i++) await fn();
  const t = performance.now(); for (let i = 0; i < n; i++) await fn();
  process.stderr.write(`${label} ${((performance.now() - t) / n).toFixed(3)}ms\n`);
}
it("perf", async () => {
  const ctx = { selectedRange: { address: "A1:C5", values: [["a","b","c"],[1,2,3],[4,5,6],[7,8,9],[1,2,3]] } };
  const messages = [{ id: "m", role: "user" as const, parts: [{ type: "text" as const, text: "Sum column B" }] }];
  const chain = createProviderChain({ providers: [{ kind: "mock", tokens: 40, delayMs: 0 }], timeoutMs: 5000 });
  const model = createMockLanguageModel({ tokens: 40, delayMs: 0 });
  await time("parse", () => parseExcelContext(ctx, { maxCells: 1e6 }));
  const c = parseExcelContext(ctx, { maxCells: 1e6 })!;
  await time("analyze", () => analyzeExcelContext(c));
  const a = analyzeExcelContext(c);
  await time("compact", () => buildCompactContext(c, a));
  const compact = buildCompactContext(c, a);
  const prompt = await buildPrompt({ messages, analysis: a, compact, tools: "offered", toolSet: excelTools });
  await time("bare", async () => { const r = streamText({ model, messages: [{ role: "user", content: "hi" }] }); await r.toUIMessageStreamResponse().text(); });
  await time("bare+tools", async () => { const r = streamText({ model, instructions: prompt.instructions, messages: prompt.messages, tools: excelTools }); await r.toUIMessageStreamResponse().text(); });
  await time("streamAnswer", async () => { const s = streamAnswer({ prompt, tools: excelTools, chain, offline: { context: c, analysis: a, compact }, messageId: "x", metadata: { conversationId: null } }); await createUIMessageStreamResponse({ stream: s.stream }).text(); await s.outcome; });
  await time("runChat", async () => { const run = await runChat({ principal: { kind: "guest", ip: "1.2.3.4" }, client: "ui", messages, context: ctx }, { chain }); await createUIMessageStreamResponse({ stream: run.stream }).text(); await run.settled; });
  await time("bare", async () => { const r = streamText({ model, messages: [{ role: "user", content: "hi" }] }); await r.toUIMessageStreamResponse().text(); });
}, 120000);
