// Which proposal tools a request offers. In `read_only` write mode (a profile preference) none are
// offered at all — not offered-then-refused — so the model cannot even suggest a change. JSON
// clients (the original add-in's legacy JSON contract) cannot apply proposals, so they get none.
import type { WriteMode } from "@/lib/db/schema";
import type { ToolAccess } from "@/lib/ai/prompts/build-system-prompt";
import { excelTools, type ExcelTools } from "./excel-tools";

export function toolsForRequest(input: { client: "ui" | "json"; writeMode: WriteMode }): { access: ToolAccess; tools: ExcelTools | undefined } {
  if (input.client === "json") return { access: "unsupported", tools: undefined };
  if (input.writeMode === "read_only") return { access: "read_only", tools: undefined };
  return { access: "offered", tools: excelTools };
}
