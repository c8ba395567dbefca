// Reads the current selection into the context the chat sends: every area of a multi-area
// selection with its values, formulas and number formats; whole rows or columns trimmed to the
// sheet's used range; large selections read in chunks, and summarized (header + sampled rows +
// the real row and column counts) when they are over the raw-send cap instead of failing.
import { parseAddress, rangeAddress, type CellValue, type ParsedArea } from "@/lib/excel";
// The sheet-size limits are not part of lib/excel's public index; whole-line selections end there.
import { MAX_COLUMNS, MAX_ROWS } from "@/lib/excel/parse-address";
import type { ExcelContextPayload, RangePayload, SelectionRead } from "./context-payload";
import { planSampleRows, toRuns } from "./plan-sample-rows";
import { uniformColumnFormats } from "@/lib/excel/accumulate-rows";
import { analyseWholeRange } from "./analyse-whole-range";
import { readCulture } from "./read-culture";
import { readRowsChunked, type Grids } from "./read-rows-chunked";
import { LARGE_READ_CHUNK_CELLS, RAW_CELL_CAP, READ_CHUNK_CELLS, SAMPLE_COLUMNS, SAMPLE_ROWS, WHOLE_ANALYSIS_MAX_CELLS } from "./selection-limits";
import { workbookNameFromUrl } from "./workbook-name";

export interface ReadSelectionOptions {
  /** Cells sent as-is; above it the selection is analysed whole in the pane and sampled. */
  maxCells?: number;
  /**
   * Analyse a single-area selection over the cap in full (chunked reads, a worker) and send that
   * analysis with the sample; false sends only the sample, which the server labels as such.
   */
  wholeAnalysis?: boolean;
  /** Cells read so far of the whole selection, after each request. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  chunkCells?: number;
  sampleRows?: number;
  sampleColumns?: number;
}

interface Area {
  sheet: string;
  /** 0-based. */
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

function coversWholeLines(area: ParsedArea): boolean {
  return area.endRow === MAX_ROWS || area.endColumn === MAX_COLUMNS;
}

/** The part of `area` inside `used`, or null when they do not meet. */
function intersect(area: Area, used: ParsedArea): Area | null {
  const top = Math.max(area.row, used.startRow - 1);
  const left = Math.max(area.column, used.startColumn - 1);
  const bottom = Math.min(area.row + area.rowCount, used.endRow);
  const right = Math.min(area.column + area.columnCount, used.endColumn);
  if (bottom <= top || right <= left) return null;
  return { sheet: area.sheet, row: top, column: left, rowCount: bottom - top, columnCount: right - left };
}

function addressOf(area: Area): string {
  return rangeAddress(area.row + 1, area.column + 1, area.row + area.rowCount, area.column + area.columnCount, area.sheet);
}

function hasFormula(grid: CellValue[][]): boolean {
  return grid.some((row) => row.some((cell) => typeof cell === "string" && cell.startsWith("=")));
}

function hasNumberFormat(grid: string[][]): boolean {
  return grid.some((row) => row.some((format) => format !== "General" && format !== ""));
}

function toPayload(area: Area, grids: Grids, sampledRows: number[] | null): RangePayload {
  const payload: RangePayload = {
    address: addressOf(area),
    values: grids.values,
    rowCount: area.rowCount,
    columnCount: area.columnCount,
  };
  if (hasFormula(grids.formulas)) payload.formulas = grids.formulas;
  if (hasNumberFormat(grids.numberFormat)) payload.numberFormat = grids.numberFormat;
  if (sampledRows) payload.sampledRows = sampledRows.map((offset) => area.row + offset + 1);
  return payload;
}

async function workbookName(context: Excel.RequestContext): Promise<string> {
  const fromUrl = typeof Office !== "undefined" ? workbookNameFromUrl(Office.context?.document?.url) : null;
  if (fromUrl) return fromUrl;
  context.workbook.load("name");
  await context.sync();
  return context.workbook.name || "Workbook";
}

export async function readSelection(options: ReadSelectionOptions = {}): Promise<SelectionRead> {
  const maxCells = options.maxCells ?? RAW_CELL_CAP;
  const chunkCells = options.chunkCells ?? READ_CHUNK_CELLS;
  const sampleRows = options.sampleRows ?? SAMPLE_ROWS;
  const sampleColumns = options.sampleColumns ?? SAMPLE_COLUMNS;

  return Excel.run(async (context) => {
    const selection = context.workbook.getSelectedRanges();
    selection.load("address");
    const active = context.workbook.worksheets.getActiveWorksheet();
    active.load("name");
    await context.sync();

    const parsed = parseAddress(selection.address);
    if (!parsed) throw new Error(`Excel reported a selection this add-in cannot read (${selection.address}).`);
    const sheetName = (area: ParsedArea) => area.sheet ?? active.name;

    // Whole rows or columns are trimmed to the used range, so "select column B" means its data.
    const usedRanges = new Map<string, Excel.Range>();
    for (const area of parsed.areas) {
      const name = sheetName(area);
      if (coversWholeLines(area) && !usedRanges.has(name)) {
        const used = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
        used.load("address");
        usedRanges.set(name, used);
      }
    }
    if (usedRanges.size > 0) await context.sync();

    const areas: Area[] = [];
    for (const parsedArea of parsed.areas) {
      const area: Area = {
        sheet: sheetName(parsedArea),
        row: parsedArea.startRow - 1,
        column: parsedArea.startColumn - 1,
        rowCount: parsedArea.endRow - parsedArea.startRow + 1,
        columnCount: parsedArea.endColumn - parsedArea.startColumn + 1,
      };
      if (!coversWholeLines(parsedArea)) {
        areas.push(area);
        continue;
      }
      const used = usedRanges.get(area.sheet); // loaded above for every whole-line area
      const usedArea = !used || used.isNullObject ? null : parseAddress(used.address)?.areas[0];
      const clipped = usedArea ? intersect(area, usedArea) : null;
      if (clipped) areas.push(clipped);
    }

    const cellCount = areas.reduce((sum, a) => sum + a.rowCount * a.columnCount, 0);
    const sampled = cellCount > maxCells;
    const culture = await readCulture(context);
    const workbook = await workbookName(context);

    // A large single area: every cell read in chunks and analysed in a worker as it arrives.
    if (sampled && areas.length === 1 && options.wholeAnalysis !== false && cellCount <= WHOLE_ANALYSIS_MAX_CELLS) {
      const area = areas[0];
      const analysis = analyseWholeRange({
        workbook,
        sheet: area.sheet,
        startRow: area.row + 1,
        startColumn: area.column + 1,
        columnCount: area.columnCount,
        culture,
        sampleRows,
      });
      let done = 0;
      try {
        await readRowsChunked(context, context.workbook.worksheets.getItem(area.sheet), area, [{ start: 0, count: area.rowCount }], options.chunkCells ?? LARGE_READ_CHUNK_CELLS, {
          signal: options.signal,
          formulas: "needed",
          onChunk: (grids) => {
            const formatted = hasNumberFormat(grids.numberFormat);
            const columnFormats = formatted ? uniformColumnFormats(grids.numberFormat) : null;
            analysis.add({
              values: grids.values,
              formulas: hasFormula(grids.formulas) ? grids.formulas : null,
              // One row of formats when every row has the same: a third less to copy to the worker.
              numberFormat: formatted && !columnFormats ? grids.numberFormat : null,
              columnFormats,
            });
            done += grids.values.length * area.columnCount;
            options.onProgress?.(done, cellCount);
          },
        });
        options.signal?.throwIfAborted();
        const result = await analysis.finish();
        return {
          payload: result.payload,
          summary: {
            address: selection.address,
            sheet: area.sheet,
            workbook,
            areaCount: parsed.areas.length,
            cellCount,
            sentCells: result.sentRows * result.sentColumns,
            sampled: true,
            analysedWhole: true,
          },
        };
      } catch (error) {
        analysis.cancel();
        throw error;
      }
    }

    const payloads: RangePayload[] = [];
    let sentCells = 0;
    for (const area of areas) {
      const sheet = context.workbook.worksheets.getItem(area.sheet);
      const offsets = sampled ? planSampleRows(area.rowCount, sampleRows) : null;
      const runs = offsets ? toRuns(offsets) : [{ start: 0, count: area.rowCount }];
      const columns = sampled ? Math.min(area.columnCount, sampleColumns) : area.columnCount;
      const grids = await readRowsChunked(context, sheet, { row: area.row, column: area.column, columnCount: columns }, runs, chunkCells);
      sentCells += grids.values.length * columns;
      payloads.push(toPayload(area, grids, offsets && offsets.length < area.rowCount ? offsets : null));
    }

    const worksheet = areas[0]?.sheet ?? parsed.sheet ?? active.name;
    const payload: ExcelContextPayload =
      payloads.length > 1
        ? {
            // The areas carry the cells; selectedRange names the whole selection and, for
            // servers that read only it, the size of its first area.
            selectedRange: { address: selection.address, rowCount: payloads[0].rowCount, columnCount: payloads[0].columnCount },
            worksheet: { name: worksheet },
            workbook: { name: workbook },
            areas: payloads,
            ...(culture ? { culture } : {}),
          }
        : {
            selectedRange: payloads[0] ?? { address: selection.address, values: [], rowCount: 0, columnCount: 0 },
            worksheet: { name: worksheet },
            workbook: { name: workbook },
            ...(culture ? { culture } : {}),
          };

    return {
      payload,
      summary: {
        address: selection.address,
        sheet: worksheet,
        workbook,
        areaCount: parsed.areas.length,
        cellCount,
        sentCells,
        sampled,
        analysedWhole: false,
      },
    };
  });
}
