// Undoes one applied proposal from its UndoRecord: restores what was overwritten, or deletes
// what was added (conditional format, table, chart), or puts the previous filter back.
import { parseRect } from "@/lib/addin/rect";
import { restoreRange } from "./range-snapshot";
import type { UndoRecord } from "./undo-record";

export async function undoProposal(record: UndoRecord): Promise<void> {
  if (record.kind === "none") throw new Error(record.reason);
  await Excel.run(async (context) => {
    const sheetName = record.kind === "restore" ? record.snapshot.sheetName : record.sheetName;
    const sheet = context.workbook.worksheets.getItem(sheetName);
    switch (record.kind) {
      case "restore":
        await restoreRange(context, sheet, record.snapshot);
        return;
      case "conditional_format": {
        const rect = parseRect(record.address);
        if (!rect) throw new Error(`Cannot find ${record.address} to remove its rule.`);
        sheet.getRangeByIndexes(rect.row, rect.column, rect.rowCount, rect.columnCount).conditionalFormats.getItem(record.id).delete();
        await context.sync();
        return;
      }
      case "table":
        sheet.tables.getItem(record.tableName).convertToRange();
        await context.sync();
        if (record.snapshot) await restoreRange(context, sheet, record.snapshot);
        return;
      case "filter": {
        sheet.autoFilter.remove();
        await context.sync();
        const previous = record.previous;
        if (!previous) return;
        const range = sheet.getRange(previous.address.includes("!") ? previous.address.slice(previous.address.lastIndexOf("!") + 1) : previous.address);
        sheet.autoFilter.apply(range);
        previous.criteria.forEach((criteria, column) => {
          if (criteria) sheet.autoFilter.apply(range, column, criteria);
        });
        await context.sync();
        return;
      }
      case "chart":
        sheet.charts.getItem(record.chartName).delete();
        await context.sync();
        return;
    }
  });
}
