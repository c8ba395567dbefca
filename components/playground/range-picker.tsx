"use client";

// Which cells to look at: a sheet, and a range typed in A1 notation (the sheet's used range by
// default). The range is checked as it is applied, with the reason shown next to the field.
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { intersectRect } from "@/lib/excel";
import { localAddress, parseRangeInput, type SheetRect } from "@/lib/workbook/sheet-range";

export function RangePicker({
  sheetNames,
  sheetName,
  rect,
  used,
  onSheetChange,
  onRangeChange,
}: {
  sheetNames: string[];
  sheetName: string;
  rect: SheetRect | null;
  /** The sheet's used range, or null for an empty sheet. */
  used: SheetRect | null;
  onSheetChange: (sheet: string) => void;
  onRangeChange: (rect: SheetRect, sheet: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(rect ? localAddress(rect) : "");
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another sheet starts a fresh field even when its range reads the same (or is empty)
  useEffect(() => {
    setText(rect ? localAddress(rect) : "");
    setError(null);
  }, [rect, sheetName]);

  function apply(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseRangeInput(text, sheetNames);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    const sheet = parsed.sheet ?? sheetName;
    // Whole columns or rows (B:B, 2:10) mean the cells in use, as Excel's add-in reads them.
    const bounded = used && sheet === sheetName ? intersectRect(parsed.rect, used) : parsed.rect;
    if (!bounded) {
      setError("That range is outside the cells in use on this sheet.");
      return;
    }
    setError(null);
    onRangeChange(bounded, sheet);
  }

  return (
    <form onSubmit={apply} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)] sm:items-start">
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-sheet`}>Sheet</Label>
        <NativeSelect id={`${id}-sheet`} value={sheetName} onChange={(event) => onSheetChange(event.target.value)}>
          {sheetNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-range`}>Range</Label>
        <div className="flex gap-2">
          <Input
            id={`${id}-range`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="A1:D20"
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-range-help ${id}-range-error`}
            disabled={!used}
          />
          <Button type="submit" variant="secondary" disabled={!used}>
            Use range
          </Button>
        </div>
        <p id={`${id}-range-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      </div>
      <p id={`${id}-range-help`} className="text-xs text-muted-foreground sm:col-span-2">
        {used ? (
          <>
            Cells in use on this sheet: <span className="font-mono">{localAddress(used)}</span>.{" "}
            {rect && localAddress(rect) !== localAddress(used) ? (
              <button type="button" className="rounded-sm underline underline-offset-2 outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring" onClick={() => onRangeChange(used, sheetName)}>
                Use all of them
              </button>
            ) : null}
          </>
        ) : (
          "This sheet is empty."
        )}
      </p>
    </form>
  );
}
