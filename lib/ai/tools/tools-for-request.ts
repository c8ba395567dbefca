// Which tools a request offers the model.
//
// - Proposal tools (excel-tools.ts): in `read_only` write mode (a profile preference) none are
//   offered at all — not offered-then-refused — so the model cannot even suggest a change. JSON
//   clients (the original add-in's legacy JSON contract) cannot apply proposals, so they get none.
// - Read tools (read-tools.ts, agent mode): only those the client declares it can run in
//   `capabilities.tools`, only to UI-stream clients of a signed-in user (each step of the loop is
//   checked against the stored conversation, which guests do not have). A client that declares
//   nothing gets exactly what it got before agent mode existed.
import type { ToolSet } from "ai";
import type { WriteMode } from "@/lib/db/schema";
import type { ToolAccess } from "@/lib/ai/prompts/build-system-prompt";
import { excelTools, type ExcelTools } from "./excel-tools";
import { isReadToolName, readTools, type ReadToolName, type ReadTools } from "./read-tools";

/** Every tool a conversation may contain: what stored and client-sent messages are checked against. */
export const allChatTools = { ...excelTools, ...readTools };
export type ChatTools = ExcelTools & ReadTools;

export interface OfferedTools {
  /** What the instructions say about proposals. */
  access: ToolAccess;
  /** The read tools offered, in contract order (empty: no agent mode). */
  reading: ReadToolName[];
  /** The tool set given to the model; undefined when none is offered. */
  tools: ToolSet | undefined;
}

/** The read tools a client declares it can run (unknown names are ignored: newer clients may know more). */
export function declaredReadTools(capabilities: { tools?: readonly string[] } | null | undefined): ReadToolName[] {
  const declared = new Set(capabilities?.tools ?? []);
  return Object.keys(readTools).filter((name): name is ReadToolName => isReadToolName(name) && declared.has(name));
}

export function toolsForRequest(input: {
  client: "ui" | "json";
  writeMode: WriteMode;
  /** Read tools the client declared; ignored for JSON clients and guests. */
  readToolsDeclared?: readonly ReadToolName[];
  signedIn: boolean;
  /** False on the last step a turn's budget allows: the model must answer with what it has. */
  toolsAllowed?: boolean;
}): OfferedTools {
  if (input.client === "json") return { access: "unsupported", reading: [], tools: undefined };
  const reading = input.signedIn && input.toolsAllowed !== false ? [...(input.readToolsDeclared ?? [])] : [];
  const access: ToolAccess = input.writeMode === "read_only" ? "read_only" : "offered";
  if (reading.length === 0) {
    // Exactly what a client without capabilities always got.
    return { access, reading, tools: access === "offered" && input.toolsAllowed !== false ? excelTools : undefined };
  }
  const tools: ToolSet = {};
  if (access === "offered" && input.toolsAllowed !== false) Object.assign(tools, excelTools);
  for (const name of reading) tools[name] = readTools[name];
  return { access, reading, tools: Object.keys(tools).length > 0 ? tools : undefined };
}
