// The original add-in's JSON contract: `{response, metadata}` for task panes that post
// `{message, context, timestamp}` and read `response`. `analysis` is that contract's DataAnalysis
// (summary, data type, statistics, insights, recommendations) from our analysis engine.
import type { ExcelAnalysis, Recommendation } from "@/lib/excel";
import { INCOMPLETE_ANSWER_TEXT } from "./answer-outcome";
import type { ChatRun } from "./chat-turn-types";
import type { SeedAnalysis, SeedChatResponse } from "./response-schemas";

function recommendationText(r: Recommendation): string {
  switch (r.kind) {
    case "formula":
      return `${r.message} ${r.formula}`;
    case "chart":
      return `${r.message} (${r.chartType} chart of ${r.range})`;
    case "pivot_table":
      return `${r.message} (pivot table of ${r.range})`;
    case "conditional_format":
      return `${r.message} (${r.range})`;
  }
}

function seedAnalysis(analysis: ExcelAnalysis | null): SeedAnalysis | null {
  if (!analysis) return null;
  return {
    summary: analysis.summary,
    dataType: analysis.dataType,
    statistics: {
      rows: analysis.rowCount,
      columns: analysis.columnCount,
      missingCells: analysis.missingCells,
      duplicateRows: analysis.duplicateRows,
      byColumn: analysis.columns.map((c) => ({
        column: c.column,
        header: c.header,
        type: c.type,
        count: c.count,
        missing: c.missing,
        distinct: c.distinct,
        ...(c.numeric ? { min: c.numeric.min, max: c.numeric.max, mean: c.numeric.mean, median: c.numeric.median, std: c.numeric.std, sum: c.numeric.sum } : {}),
      })),
    },
    insights: analysis.insights.map((i) => i.message),
    recommendations: analysis.recommendations.map(recommendationText),
  };
}

/**
 * Waits for the whole answer — and for it to be stored, so a history request right after the
 * response sees it — and shapes it as the original add-in's JSON.
 */
export async function seedResponse(run: ChatRun): Promise<SeedChatResponse> {
  const outcome = await run.outcome;
  await run.settled;
  // These clients show `response` as it is: say so in the text when it was cut short.
  let response = outcome.text;
  if (outcome.status === "incomplete") response = `${response}${response ? "\n\n" : ""}_${INCOMPLETE_ANSWER_TEXT}_`;
  if (outcome.status === "error" && !response) response = "Sorry, something went wrong while answering. Please try again.";
  return {
    response,
    metadata: {
      conversationId: run.conversationId,
      messageId: run.messageId,
      model: outcome.model,
      provider: outcome.provider,
      cached: outcome.source === "cache",
      status: outcome.status,
      offline: outcome.source === "offline",
      usage: {
        promptTokens: outcome.usage.inputTokens,
        completionTokens: outcome.usage.outputTokens,
        totalTokens: outcome.usage.totalTokens,
        costMicros: outcome.costMicros,
      },
      analysis: seedAnalysis(run.prepared.analysis),
      context: run.prepared.compact?.summary ?? null,
      promptVersion: run.prompt.promptVersion,
      latencyMs: outcome.latencyMs,
      timestamp: new Date().toISOString(),
    },
  };
}
