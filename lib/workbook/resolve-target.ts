// A proposal's address on the uploaded workbook: the sheet it names (or the sheet the user is
// looking at, as Excel would use the active sheet) and the rectangle.
import type { WorkBook, WorkSheet } from "xlsx";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { parseRangeInput, rectAddress, type SheetRect } from "./sheet-range";

export interface Target {
  sheetName: string;
  sheet: WorkSheet;
  rect: SheetRect;
  /** Sheet-qualified, as the card shows it. */
  address: string;
}

export function proposalAddress(proposal: Proposal): string {
  return proposal.toolName === "add_chart" ? proposal.input.sourceAddress : proposal.input.address;
}

export function resolveTarget(workbook: WorkBook, address: string, activeSheet: string): Target {
  const parsed = parseRangeInput(address, workbook.SheetNames);
  if (!parsed.ok) throw new Error(parsed.error);
  const sheetName = parsed.sheet ?? activeSheet;
  const sheet = workbook.Sheets[sheetName];
  if (!sheet) throw new Error(`This workbook has no sheet named "${sheetName}".`);
  return { sheetName, sheet, rect: parsed.rect, address: rectAddress(parsed.rect, sheetName) };
}
