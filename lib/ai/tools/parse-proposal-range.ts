// Strict A1 ranges for proposed edits. The Excel context parser reads addresses liberally
// (whatever add-ins send); a proposal is the opposite case: the add-in will write exactly here,
// so one rectangle on one sheet, no external workbook, no names, no R1C1, nothing ambiguous.
import { parseAreaAddress, rangeAddress, type ParsedArea } from "@/lib/excel";

export interface ProposalRange extends ParsedArea {
  /** Normalised address (`Sheet1!B2:C10`, `'My Sheet'!A1`), what the add-in receives. */
  address: string;
  rows: number;
  columns: number;
  cells: number;
}

// Sheet: quoted ('It''s here') or plain. Excel forbids []:*?/\ in sheet names; refusing `[` and
// `]` also refuses external references such as [Book.xlsx]Sheet1!A1.
const SHEET = String.raw`(?:'(?:[^'\[\]:*?/\\]|'')+'|[A-Za-z0-9_.\u00C0-\uFFFF]+)`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?[0-9]{1,7}`;
const COLUMN = String.raw`\$?[A-Za-z]{1,3}`;
const ROW = String.raw`\$?[0-9]{1,7}`;
const RANGE_RE = new RegExp(`^(?:${SHEET}!)?(?:${CELL}(?::${CELL})?|${COLUMN}:${COLUMN}|${ROW}:${ROW})$`);

export type ParseRangeResult = { ok: true; range: ProposalRange } | { ok: false; error: string };

export function parseProposalRange(address: unknown): ParseRangeResult {
  if (typeof address !== "string" || address.trim() === "") return { ok: false, error: "the range address is missing" };
  const text = address.trim();
  if (text.length > 300) return { ok: false, error: "the range address is too long" };
  if (text.includes(",")) return { ok: false, error: `"${text.slice(0, 60)}" has several areas; propose one rectangular range at a time` };
  if (!RANGE_RE.test(text)) return { ok: false, error: `"${text.slice(0, 60)}" is not an A1 range address such as Sheet1!B2:D20` };
  const area = parseAreaAddress(text);
  if (!area) return { ok: false, error: `"${text.slice(0, 60)}" is outside the sheet's 1,048,576 rows × 16,384 columns` };
  const rows = area.endRow - area.startRow + 1;
  const columns = area.endColumn - area.startColumn + 1;
  return {
    ok: true,
    range: {
      ...area,
      address: rangeAddress(area.startRow, area.startColumn, area.endRow, area.endColumn, area.sheet),
      rows,
      columns,
      cells: rows * columns,
    },
  };
}
