// The exact change a proposal would make to the browser copy, before the user decides: it is
// applied to a throw-away copy of the target sheet (cells are shared, never mutated) with the
// same code that applies it for real, and the two are compared cell by cell.
import type { CellObject, ColInfo, WorkBook } from "xlsx";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { columnLetter } from "@/lib/excel";
import { applyToWorkbook } from "./apply-proposal";
import { browserSupport, type BrowserSupport } from "./browser-support";
import { cellDisplay } from "./read-grid";
import { proposalAddress, resolveTarget, type Target } from "./resolve-target";
import { cellKey } from "./undo-record";

export interface CellChange {
  address: string;
  before: string;
  after: string;
}

export interface WorkbookPreview {
  /** Sheet-qualified target. */
  address: string;
  cells: number;
  /** The first cells (or column widths) that change. */
  changes: CellChange[];
  /** Changed cells not listed. */
  more: number;
  support: BrowserSupport;
  /** Set when the target cannot be read at all (unknown sheet, bad address). */
  error: string | null;
}

const PREVIEW_CHANGES = 12;

const show = (text: string) => (text === "" ? "(empty)" : text);

function widthText(cols: ColInfo[] | undefined, column: number): string {
  const col = cols?.[column];
  if (col?.wch !== undefined) return `${col.wch} characters`;
  if (col?.width !== undefined) return `${col.width} characters`;
  return "default";
}

export function previewProposal(workbook: WorkBook, proposal: Proposal, activeSheet: string, maxShown = PREVIEW_CHANGES): WorkbookPreview {
  const support = browserSupport(proposal, workbook, activeSheet);
  let target: Target;
  try {
    target = resolveTarget(workbook, proposalAddress(proposal), activeSheet);
  } catch (error) {
    return { address: proposalAddress(proposal), cells: 0, changes: [], more: 0, support, error: (error as Error).message };
  }
  const { rect, sheetName, sheet } = target;
  const preview: WorkbookPreview = { address: target.address, cells: rect.rowCount * rect.columnCount, changes: [], more: 0, support, error: null };
  if (!support.applicable) return preview;

  const copy: WorkBook = { ...workbook, Sheets: { ...workbook.Sheets, [sheetName]: { ...sheet } } };
  try {
    applyToWorkbook(copy, proposal, activeSheet);
  } catch (error) {
    return { ...preview, error: (error as Error).message };
  }
  const after = copy.Sheets[sheetName];

  const beforeCols = sheet["!cols"] as ColInfo[] | undefined;
  const afterCols = after["!cols"] as ColInfo[] | undefined;
  for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
    const was = widthText(beforeCols, c);
    const will = widthText(afterCols, c);
    if (was !== will && preview.changes.length < maxShown) preview.changes.push({ address: `Column ${columnLetter(c + 1)} width`, before: was, after: will });
  }

  let changed = 0;
  for (let r = 0; r < rect.rowCount; r++) {
    for (let c = 0; c < rect.columnCount; c++) {
      const key = cellKey(rect.row + r, rect.column + c);
      const was = cellDisplay(sheet[key] as CellObject | undefined);
      const will = cellDisplay(after[key] as CellObject | undefined);
      if (was === will) continue;
      changed++;
      if (preview.changes.length < maxShown) preview.changes.push({ address: key, before: show(was), after: show(will) });
    }
  }
  const listedCells = preview.changes.filter((change) => !change.address.startsWith("Column ")).length;
  preview.more = changed - listedCells;
  return preview;
}
