// The read tools' view (lib/agent/workbook-source.ts) of the workbook uploaded to the playground:
// its sheets with their visibility and used range (SheetJS's `!ref`), its workbook-level names,
// and cells in the shape Office.js reports them (read-grid.ts). SheetJS's community build does not
// read Excel tables, so a playground workbook lists none; their ranges read like any other.
import type { WorkBook } from "xlsx";
import type { SheetVisibility, WorkbookMap, WorkbookSource } from "@/lib/agent/workbook-source";
import { readGrid } from "./read-grid";
import { rectAddress, usedRect } from "./sheet-range";

const VISIBILITY: SheetVisibility[] = ["Visible", "Hidden", "VeryHidden"];

/** The workbook's names as Excel lists them; Excel's own (`_xlnm.Print_Area`…) are left out. */
function namedRanges(workbook: WorkBook): WorkbookMap["namedRanges"] {
  return (workbook.Workbook?.Names ?? [])
    .filter((name) => !name.Name.startsWith("_xlnm."))
    .map((name) => {
      const scope = name.Sheet !== undefined ? workbook.SheetNames[name.Sheet] : undefined;
      return { name: name.Name, refersTo: name.Ref.startsWith("=") ? name.Ref : `=${name.Ref}`, ...(scope ? { scope } : {}) };
    });
}

export function sheetJsWorkbookSource(workbook: WorkBook, activeSheet: () => string): WorkbookSource {
  return {
    async map() {
      const props = workbook.Workbook?.Sheets ?? [];
      return {
        activeSheet: activeSheet(),
        sheets: workbook.SheetNames.map((name, i) => {
          const used = usedRect(workbook.Sheets[name]);
          return { name, visibility: VISIBILITY[props[i]?.Hidden ?? 0] ?? "Visible", usedRange: used ? rectAddress(used, name) : null, tables: [] };
        }),
        namedRanges: namedRanges(workbook),
      };
    },
    async read(sheet, rect) {
      const ws = workbook.Sheets[sheet];
      if (!ws) throw new Error(`This workbook has no sheet named "${sheet}".`);
      return readGrid(ws, rect);
    },
  };
}
