// Applies one approved proposal through Excel.run, first keeping what it will overwrite, and
// returns the record Undo needs. Everything happens in the workbook the pane runs in; the
// server never touches it. The proposal is checked once more first (checkBeforeApplying): a
// refused one throws before Excel.run, so not a cell is written.
import { columnNumber, type CellValue } from "@/lib/excel";
import { addConditionalFormat } from "./conditional-format-rule";
import { toFilterCriteria } from "./filter-criteria";
import { checkBeforeApplying, type Proposal } from "./proposal";
import { captureRange } from "./range-snapshot";
import { resolveRange, type ResolvedRange } from "./resolve-range";
import { planUndo } from "./undo-plan";
import type { UndoRecord } from "./undo-record";

/** Excel column widths are in points; the tool speaks characters of the default font (~7 px each plus 5 px padding). */
function charactersToPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

function fill<T>(rect: { rowCount: number; columnCount: number }, value: T): T[][] {
  return Array.from({ length: rect.rowCount }, () => Array.from({ length: rect.columnCount }, () => value));
}

/** Office.js skips a null cell when writing; the model means "empty", so write "". */
function writableValues(values: CellValue[][]): (string | number | boolean)[][] {
  return values.map((row) => row.map((cell) => (cell === null ? "" : cell)));
}

/** Sort and filter keys are sheet column letters; Office.js wants offsets within the range. */
function columnOffset(target: ResolvedRange, letter: string): number {
  return columnNumber(letter.replace(/\$/g, "")) - 1 - target.rect.column;
}

async function applyFilter(context: Excel.RequestContext, target: ResolvedRange, proposal: Extract<Proposal, { toolName: "filter_range" }>): Promise<UndoRecord> {
  const autoFilter = target.sheet.autoFilter;
  autoFilter.load("enabled, criteria");
  const existing = autoFilter.getRangeOrNullObject();
  existing.load("address");
  await context.sync();
  const previous = autoFilter.enabled && !existing.isNullObject ? { address: existing.address, criteria: autoFilter.criteria.map((c) => (c?.filterOn ? c : null)) } : null;

  const criteria = toFilterCriteria(proposal.input.criteria);
  if (criteria) autoFilter.apply(target.range, columnOffset(target, proposal.input.column), criteria);
  else autoFilter.clearCriteria();
  await context.sync();
  return { kind: "filter", sheetName: target.sheetName, previous };
}

export async function applyProposal(proposal: Proposal): Promise<UndoRecord> {
  checkBeforeApplying(proposal);
  return Excel.run(async (context) => {
    const address = proposal.toolName === "add_chart" ? proposal.input.sourceAddress : proposal.input.address;
    const target = await resolveRange(context, address);
    const plan = planUndo(proposal, target.rect);
    const snapshot = plan.snapshot ? await captureRange(context, target.sheet, target.sheetName, target.rect, plan.snapshot) : null;
    const restore = (): UndoRecord => (snapshot ? { kind: "restore", snapshot } : { kind: "none", reason: plan.note ?? "This change cannot be undone." });
    const { range } = target;

    switch (proposal.toolName) {
      case "write_range": {
        if (proposal.input.formulas) range.formulas = proposal.input.formulas;
        else if (proposal.input.values) range.values = writableValues(proposal.input.values);
        await context.sync();
        return restore();
      }
      case "format_range": {
        const input = proposal.input;
        if (input.numberFormat !== undefined) range.numberFormat = fill(target.rect, input.numberFormat);
        if (input.bold !== undefined) range.format.font.bold = input.bold;
        if (input.italic !== undefined) range.format.font.italic = input.italic;
        if (input.fontColor !== undefined) range.format.font.color = input.fontColor;
        if (input.fillColor !== undefined) range.format.fill.color = input.fillColor;
        if (input.horizontalAlignment !== undefined) range.format.horizontalAlignment = input.horizontalAlignment;
        if (input.wrapText !== undefined) range.format.wrapText = input.wrapText;
        if (input.columnWidth !== undefined) range.format.columnWidth = charactersToPoints(input.columnWidth);
        if (input.autofitColumns) range.format.autofitColumns();
        await context.sync();
        return restore();
      }
      case "sort_range": {
        const fields = proposal.input.keys.map((key) => ({ key: columnOffset(target, key.column), ascending: key.ascending }));
        range.sort.apply(fields, false, proposal.input.hasHeaders, "Rows");
        await context.sync();
        return restore();
      }
      case "add_conditional_format": {
        const format = addConditionalFormat(range, proposal.input.rule);
        format.load("id");
        await context.sync();
        return { kind: "conditional_format", sheetName: target.sheetName, address: target.address, id: format.id };
      }
      case "create_table": {
        const table = target.sheet.tables.add(range, proposal.input.hasHeaders);
        if (proposal.input.name) table.name = proposal.input.name;
        if (proposal.input.style) table.style = proposal.input.style;
        table.load("name");
        await context.sync();
        return { kind: "table", sheetName: target.sheetName, tableName: table.name, snapshot };
      }
      case "filter_range":
        return applyFilter(context, target, proposal);
      case "add_chart": {
        const chart = target.sheet.charts.add(proposal.input.chartType, range, proposal.input.seriesBy ?? "Auto");
        // A name of our own, so undo finds exactly this chart even if the user adds others.
        const chartName = `AI chart ${crypto.randomUUID().slice(0, 8)}`;
        chart.name = chartName;
        if (proposal.input.title) chart.title.text = proposal.input.title;
        if (proposal.input.anchor) chart.setPosition(proposal.input.anchor.replace(/\$/g, ""));
        await context.sync();
        return { kind: "chart", sheetName: target.sheetName, chartName };
      }
    }
  });
}
