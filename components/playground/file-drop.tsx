"use client";

// Choosing a workbook: drop it on the zone or pick it with the file button (the keyboard path).
// The size and type are checked before reading; reading reports progress, then parsing (in a
// Web Worker, so the page stays usable and a file that stalls the parser is stopped) is shown as
// its own step that can be cancelled, and every failure says what to do next.
import { useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { FileSpreadsheet, LoaderCircle, Upload } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/utils";
import { parseInWorker, READER_UNAVAILABLE, UploadError } from "@/lib/workbook/parse-in-worker";
import { loadSheetJs } from "@/lib/workbook/sheetjs";
import { contentProblem, formatBytes, MAX_UPLOAD_BYTES, unreadableMessage, uploadProblem } from "@/lib/workbook/workbook-file";
import { readFileWithProgress } from "./read-file";

type Step = { kind: "idle" } | { kind: "reading"; fraction: number } | { kind: "parsing" };

export interface LoadedFile {
  name: string;
  size: number;
  workbook: WorkBook;
}

function loadError(error: unknown, name: string): string {
  if (error instanceof UploadError) return error.message;
  return unreadableMessage(name, error instanceof Error ? error.message : undefined);
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
    const problem = uploadProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setFileName(file.name);
    setStep({ kind: "reading", fraction: 0 });
    try {
      const data = await readFileWithProgress(file, (fraction) => setStep({ kind: "reading", fraction }), controller.signal);
      const mismatch = contentProblem(file.name, new Uint8Array(data));
      if (mismatch) throw new UploadError(mismatch);
      setStep({ kind: "parsing" });
      // SheetJS for the page (number formats, saving) arrives while the worker parses.
      const [workbook] = await Promise.all([
        parseInWorker(data, file.name, { signal: controller.signal }),
        loadSheetJs().catch(() => {
          throw new UploadError(READER_UNAVAILABLE);
        }),
      ]);
      if (controller.signal.aborted) return;
      setStep({ kind: "idle" });
      onLoaded({ name: file.name, size: file.size, workbook });
    } catch (caught) {
      // When loading SheetJS failed first, the worker is still parsing a file nobody will see.
      controller.abort();
      if ((caught as Error)?.name === "AbortError") return;
      setStep({ kind: "idle" });
      setError(loadError(caught, file.name));
    }
  }

  function cancel() {
    abortRef.current?.abort();
    setStep({ kind: "idle" });
    setError(`Reading “${fileName}” was cancelled.`);
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
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a pointer shortcut; the "Choose a file" button inside is the keyboard path */}
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
            <div className="flex items-center justify-between gap-3">
              <p className="text-sm">Step 2 of 2: parsing the workbook… Large files take a few seconds.</p>
              <Button type="button" variant="ghost" size="sm" onClick={cancel}>
                Cancel
              </Button>
            </div>
            <Progress value={null} aria-label="Parsing the workbook" />
          </>
        ) : null}
      </div>
      <FormError id="playground-file-error" message={error} />
    </div>
  );
}
