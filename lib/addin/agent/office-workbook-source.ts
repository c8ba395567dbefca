// The read tools' view (lib/agent/workbook-source.ts) of the workbook the task pane runs in,
// through Office.js: every worksheet with its visibility and used range, its tables, the
// workbook's names that refer to a range, and cells read in chunks small enough for one request
// (Excel on the web caps a request at about 5 MB).
import type { SheetVisibility, WorkbookMap, WorkbookSource } from "@/lib/agent/workbook-source";
import { readRowsChunked } from "@/lib/addin/read-rows-chunked";
import { READ_CHUNK_CELLS } from "@/lib/addin/selection-limits";

function visibility(value: string): SheetVisibility {
  return value === "Hidden" || value === "VeryHidden" ? value : "Visible";
}

export function officeWorkbookSource(): WorkbookSource {
  return {
    map: () =>
      Excel.run(async (context): Promise<WorkbookMap> => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/name, items/visibility");
        const active = worksheets.getActiveWorksheet();
        active.load("name");
        const names = context.workbook.names;
        names.load("items/name, items/formula, items/visible");
        await context.sync();

        const perSheet = worksheets.items.map((sheet) => {
          const used = sheet.getUsedRangeOrNullObject(true);
          used.load("address");
          sheet.tables.load("items/name");
          return { sheet, used };
        });
        await context.sync();

        const tableRanges = perSheet.map(({ sheet }) =>
          sheet.tables.items.map((table) => {
            const range = table.getRange();
            range.load("address");
            return { name: table.name, range };
          }),
        );
        await context.sync();

        return {
          activeSheet: active.name,
          sheets: perSheet.map(({ sheet, used }, i) => ({
            name: sheet.name,
            visibility: visibility(String(sheet.visibility)),
            usedRange: used.isNullObject ? null : used.address,
            tables: tableRanges[i].map((t) => ({ name: t.name, address: t.range.address })),
          })),
          // Hidden names are Excel's and add-ins' own bookkeeping, not the user's.
          namedRanges: names.items.filter((name) => name.visible !== false).map((name) => ({ name: name.name, refersTo: String(name.formula) })),
        };
      }),
    read: (sheetName, rect) =>
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        return readRowsChunked(context, sheet, rect, [{ start: 0, count: rect.rowCount }], READ_CHUNK_CELLS);
      }),
  };
}
