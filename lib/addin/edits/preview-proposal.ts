// Reads what a proposal would change before the user decides: the target's current cells next
// to what would be written (write_range), the current formatting of its first cell
// (format_range), whether a filter is already there (filter_range), and what undo can restore.
import { cellAddress, type CellValue } from "@/lib/excel";
import type { Proposal } from "./proposal";
import { resolveRange } from "./resolve-range";
import { planUndo } from "./undo-plan";

export interface CellChange {
  address: string;
  before: string;
  after: string;
}

export interface ProposalPreview {
  /** Sheet-qualified target, as Excel names it. */
  address: string;
  cells: number;
  /** The first cells (write_range) or properties (format_range) that change. */
  changes: CellChange[];
  /** Changes not listed. */
  more: number;
  undoNote: string | null;
  undoable: boolean;
  warnings: string[];
}

const PREVIEW_CELLS = 12;

function show(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return String(value);
}

/** What a cell holds as the user would read it in the formula bar: the formula when there is one. */
function cellText(formula: CellValue | undefined, value: CellValue | undefined): string {
  return typeof formula === "string" && formula.startsWith("=") ? formula : show(value);
}

export async function previewProposal(proposal: Proposal, maxShown = PREVIEW_CELLS): Promise<ProposalPreview> {
  return Excel.run(async (context) => {
    const address = proposal.toolName === "add_chart" ? proposal.input.sourceAddress : proposal.input.address;
    const target = await resolveRange(context, address);
    const plan = planUndo(proposal, target.rect);
    const cells = target.rect.rowCount * target.rect.columnCount;
    const preview: ProposalPreview = { address: target.address, cells, changes: [], more: 0, undoNote: plan.note, undoable: plan.undoable, warnings: [] };

    if (proposal.toolName === "write_range") {
      const rows = Math.min(target.rect.rowCount, maxShown);
      const head = target.sheet.getRangeByIndexes(target.rect.row, target.rect.column, rows, target.rect.columnCount);
      head.load("values, formulas");
      await context.sync();
      const next = proposal.input.formulas ?? proposal.input.values ?? [];
      outer: for (let r = 0; r < rows; r++) {
        for (let c = 0; c < target.rect.columnCount; c++) {
          if (preview.changes.length >= maxShown) break outer;
          preview.changes.push({
            address: cellAddress(target.rect.row + r + 1, target.rect.column + c + 1),
            before: cellText(head.formulas[r]?.[c], head.values[r]?.[c]),
            after: show(next[r]?.[c] as CellValue | undefined),
          });
        }
      }
      preview.more = cells - preview.changes.length;
    } else if (proposal.toolName === "format_range") {
      const i = proposal.input;
      const first = target.sheet.getRangeByIndexes(target.rect.row, target.rect.column, 1, 1);
      first.load("numberFormat");
      const props = first.getCellProperties({
        format: { fill: { color: true }, font: { bold: true, italic: true, color: true }, horizontalAlignment: true, wrapText: true },
      });
      await context.sync();
      const f = props.value[0]?.[0]?.format ?? {};
      const at = cellAddress(target.rect.row + 1, target.rect.column + 1);
      const add = (label: string, before: unknown, after: unknown) =>
        preview.changes.push({ address: `${label} (${at})`, before: show(before as CellValue), after: show(after as CellValue) });
      if (i.numberFormat !== undefined) add("Number format", first.numberFormat[0]?.[0], i.numberFormat);
      if (i.fillColor !== undefined) add("Fill", f.fill?.color, i.fillColor);
      if (i.fontColor !== undefined) add("Font colour", f.font?.color, i.fontColor);
      if (i.bold !== undefined) add("Bold", f.font?.bold, i.bold);
      if (i.italic !== undefined) add("Italic", f.font?.italic, i.italic);
      if (i.horizontalAlignment !== undefined) add("Alignment", f.horizontalAlignment, i.horizontalAlignment);
      if (i.wrapText !== undefined) add("Wrap text", f.wrapText, i.wrapText);
    } else if (proposal.toolName === "filter_range") {
      const autoFilter = target.sheet.autoFilter;
      autoFilter.load("enabled");
      await context.sync();
      if (autoFilter.enabled) preview.warnings.push("This sheet already has a filter; it will be replaced (undo puts it back).");
    }
    return preview;
  });
}
