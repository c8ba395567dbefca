// Excel's sort order for one column: numbers, then text (case-insensitive), then TRUE/FALSE,
// then errors; blank cells always go last, whichever the direction.
import type { CellObject } from "xlsx";
import { cellValue } from "./read-grid";

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: false });

function rank(cell: CellObject | undefined): number {
  const value = cellValue(cell);
  if (value === "" || value === null) return 4;
  if (cell?.t === "e") return 3;
  if (typeof value === "number") return 0;
  if (typeof value === "boolean") return 2;
  return 1;
}

export function compareForSort(a: CellObject | undefined, b: CellObject | undefined, ascending: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra === 4 || rb === 4) return ra === rb ? 0 : ra === 4 ? 1 : -1;
  const sign = ascending ? 1 : -1;
  if (ra !== rb) return (ra - rb) * sign;
  const va = cellValue(a);
  const vb = cellValue(b);
  if (typeof va === "number" && typeof vb === "number") return (va - vb) * sign;
  if (typeof va === "boolean" && typeof vb === "boolean") return (Number(va) - Number(vb)) * sign;
  return collator.compare(String(va), String(vb)) * sign;
}
