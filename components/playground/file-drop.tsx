"use client";

// Choosing a workbook: drop it on the zone or pick it with the file button (the keyboard path).
// The size and type are checked before reading; reading reports progress, then parsing is shown
// as its own step, and every failure says what to do next.
import { useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { FileSpreadsheet, LoaderCircle, Upload } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/utils";
import { hasAcceptedExtension, MAX_UPLOAD_BYTES, parseWorkbook } from "@/lib/workbook/workbook-file";
import { formatBytes, nextPaint, readFileWithProgress } from "./read-file";

type Step = { kind: "idle" } | { kind: "reading"; fraction: number } | { kind: "parsing" };

export interface LoadedFile {
  name: string;
  size: number;
  workbook: WorkBook;
}

function parseError(error: unknown, name: string): string {
  const detail = error instanceof Error && error.message ? ` (${error.message.slice(0, 120)})` : "";
  return `“${name}” could not be read as a spreadsheet${detail}. Check that it opens in Excel, or export it again as .xlsx or .csv.`;
}

export function FileDrop({ onLoaded, compact = false }: { onLoaded: (file: LoadedFile) => void; compact?: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  async function load(file: File) {
    setError(null);
    if (!hasAcceptedExtension(file.name)) {
      setError(`“${file.name}” is not a spreadsheet this playground reads. Choose an .xlsx, .xls or .csv file.`);
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(`“${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_UPLOAD_BYTES)}. Save the sheet you need on its own, or export it as CSV.`);
      return;
    }
    if (file.size === 0) {
      setError(`“${file.name}” is empty.`);
      return;
    }
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setFileName(file.name);
    setStep({ kind: "reading", fraction: 0 });
    try {
      const data = await readFileWithProgress(file, (fraction) => setStep({ kind: "reading", fraction }), controller.signal);
      setStep({ kind: "parsing" });
      await nextPaint();
      const workbook = parseWorkbook(data, file.name);
      if (workbook.SheetNames.length === 0) throw new Error("it has no sheets");
      setStep({ kind: "idle" });
      onLoaded({ name: file.name, size: file.size, workbook });
    } catch (caught) {
      if ((caught as Error)?.name === "AbortError") return;
      setStep({ kind: "idle" });
      setError(caught instanceof Error && caught.message.startsWith("The file could not be read") ? caught.message : parseError(caught, file.name));
    }
  }

  function onDrop(event: React.DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files?.[0];
    if (file) void load(file);
  }

  const busy = step.kind !== "idle";
  const percent = step.kind === "reading" ? Math.round(step.fraction * 100) : null;

  return (
    <div className="flex flex-col gap-3">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="file-drop"
        className={cn(
          "flex flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed text-center transition-colors",
          compact ? "p-4" : "p-8 sm:p-10",
          dragging ? "border-primary bg-accent" : "border-input",
        )}
      >
        {compact ? null : <FileSpreadsheet aria-hidden="true" className="size-10 text-primary" />}
        <div className="flex flex-col gap-1">
          <p className="font-medium">{compact ? "Drop another workbook here, or" : "Drop a workbook here, or"}</p>
          <p className="text-sm text-muted-foreground">.xlsx, .xls or .csv, up to {formatBytes(MAX_UPLOAD_BYTES)}. It stays in this browser; only the range you ask about is sent.</p>
        </div>
        <input
          ref={inputRef}
          id="playground-file"
          type="file"
          accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
          className="sr-only"
          // The visible button opens it; keeping the input out of the tab order avoids two stops.
          tabIndex={-1}
          aria-label="Spreadsheet file"
          aria-describedby="playground-file-error"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void load(file);
            event.target.value = "";
          }}
        />
        <Button type="button" variant={compact ? "outline" : "default"} onClick={() => inputRef.current?.click()} disabled={busy}>
          {busy ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Upload aria-hidden="true" />}
          Choose a file
        </Button>
      </div>

      <div role="status" aria-live="polite" className="flex flex-col gap-2">
        {step.kind === "reading" ? (
          <>
            <p className="text-sm">
              Step 1 of 2: reading “{fileName}”… {percent}%
            </p>
            <Progress value={percent} aria-label="Reading the file" />
          </>
        ) : step.kind === "parsing" ? (
          <>
            <p className="text-sm">Step 2 of 2: parsing the workbook… Large files take a few seconds.</p>
            <Progress value={null} aria-label="Parsing the workbook" />
          </>
        ) : null}
      </div>
      <FormError id="playground-file-error" message={error} />
    </div>
  );
}
