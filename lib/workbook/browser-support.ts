// Which proposed edits the browser copy can hold. The playground edits the uploaded workbook
// with SheetJS (community edition), which saves values, formulas, number formats and column
// widths, but not cell styles, tables, conditional formats, filters or charts. Those proposals
// are shown exactly, and the user is told to apply them in Excel instead of pretending.
import type { WorkBook } from "xlsx";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { resolveTarget } from "./resolve-target";

export type BrowserSupport = { applicable: true; note: string | null } | { applicable: false; reason: string };

const NEEDS_EXCEL = "Open the workbook in Excel and ask from the add-in to apply it.";

const STYLE_LABELS = {
  bold: "bold",
  italic: "italic",
  fontColor: "font colour",
  fillColor: "fill colour",
  horizontalAlignment: "alignment",
  wrapText: "text wrapping",
} as const;

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The style settings of a format proposal that the browser copy cannot save. */
function unsupportedStyles(proposal: Extract<Proposal, { toolName: "format_range" }>): string[] {
  return (Object.keys(STYLE_LABELS) as (keyof typeof STYLE_LABELS)[]).filter((key) => proposal.input[key] !== undefined).map((key) => STYLE_LABELS[key]);
}

function rangeHasFormulas(workbook: WorkBook, address: string, activeSheet: string): boolean {
  const { sheet, rect } = resolveTarget(workbook, address, activeSheet);
  for (const key of Object.keys(sheet)) {
    if (key.startsWith("!")) continue;
    const cell = sheet[key];
    if (!cell?.f) continue;
    const match = /^([A-Z]+)(\d+)$/.exec(key);
    if (!match) continue;
    let column = 0;
    for (const ch of match[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
    const row = Number(match[2]) - 1;
    if (row >= rect.row && row < rect.row + rect.rowCount && column - 1 >= rect.column && column - 1 < rect.column + rect.columnCount) return true;
  }
  return false;
}

export function browserSupport(proposal: Proposal, workbook: WorkBook, activeSheet: string): BrowserSupport {
  switch (proposal.toolName) {
    case "write_range":
      return {
        applicable: true,
        note: proposal.input.formulas
          ? "The formulas are stored in the cells; this browser copy does not calculate them. They are calculated when the file is opened in Excel."
          : null,
      };
    case "format_range": {
      const styles = unsupportedStyles(proposal);
      const i = proposal.input;
      const supported = i.numberFormat !== undefined || i.columnWidth !== undefined || i.autofitColumns === true;
      if (!supported) {
        return { applicable: false, reason: `The browser copy cannot save ${list(styles) || "this formatting"} (cell styles need Excel). ${NEEDS_EXCEL}` };
      }
      return {
        applicable: true,
        note: styles.length > 0 ? `Only the number format and column width are applied here; ${list(styles)} cannot be saved by the browser copy.` : null,
      };
    }
    case "sort_range":
      try {
        if (rangeHasFormulas(workbook, proposal.input.address, activeSheet)) {
          return { applicable: false, reason: `The range holds formulas, and only Excel can sort them with their references adjusted. ${NEEDS_EXCEL}` };
        }
      } catch (error) {
        return { applicable: false, reason: (error as Error).message };
      }
      return { applicable: true, note: null };
    case "create_table":
      return { applicable: false, reason: `The browser copy cannot create Excel tables. ${NEEDS_EXCEL}` };
    case "add_conditional_format":
      return { applicable: false, reason: `The browser copy cannot save conditional formatting. ${NEEDS_EXCEL}` };
    case "filter_range":
      return { applicable: false, reason: `The browser copy cannot save filters. ${NEEDS_EXCEL}` };
    case "add_chart":
      return { applicable: false, reason: `The browser copy cannot create charts; the Analysis tab charts the data instead. ${NEEDS_EXCEL}` };
  }
}
