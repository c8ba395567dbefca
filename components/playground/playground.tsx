"use client";

// The playground: a workbook chosen in the browser, a sheet and range, the analysis of that
// range, its cells, and a conversation about it through the same /api/chat the add-in uses.
// Proposed edits change the browser copy (with Undo), which can be downloaded as .xlsx.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { Download, FileSpreadsheet, LoaderCircle } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { downloadBlob } from "@/components/dashboard/fetch-api";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { rectAddress, usedRect, type SheetRect } from "@/lib/workbook/sheet-range";
import { editedFileName, formatBytes, workbookToXlsx } from "@/lib/workbook/workbook-file";
import { AnalysisView } from "./analysis-view";
import { ContextPreview, contextProblem } from "./context-preview";
import { DataPreview } from "./data-preview";
import { describeSent } from "./describe-sent";
import { FileDrop, type LoadedFile } from "./file-drop";
import { PlaygroundChat } from "./playground-chat";
import { RangePicker } from "./range-picker";
import { usePlaygroundChat } from "./use-playground-chat";
import { useRangeAnalysis } from "./use-range-analysis";
import { useWorkbookEdits } from "./use-workbook-edits";

interface Session {
  name: string;
  size: number;
  workbook: WorkBook;
}

function firstSheetWithData(workbook: WorkBook): string {
  return workbook.SheetNames.find((name) => usedRect(workbook.Sheets[name])) ?? workbook.SheetNames[0];
}

export function Playground({ maxCells }: { maxCells: number }) {
  const [session, setSession] = useState<Session | null>(null);
  const [sheetName, setSheetName] = useState("");
  const [rect, setRect] = useState<SheetRect | null>(null);
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState("analysis");
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const workbook = session?.workbook ?? null;
  const chat = usePlaygroundChat({ workbook, activeSheet: sheetName });
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const edits = useWorkbookEdits({ workbook, activeSheet: sheetName, onChanged: bump, onOutcome: chat.reportOutcome });

  const analysis = useRangeAnalysis({ workbook, workbookName: session?.name ?? "", sheetName, rect, version });
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the workbook's cells, which change in place when an edit is applied
  const used = useMemo(() => (workbook && sheetName ? usedRect(workbook.Sheets[sheetName]) : null), [workbook, sheetName, version]);

  // The drop zone that had focus is gone once a file opens: focus goes to the opened workbook's name.
  const title = useRef<HTMLHeadingElement>(null);
  const [opened, setOpened] = useState(0);
  useEffect(() => {
    if (opened > 0) title.current?.focus();
  }, [opened]);

  function openFile(file: LoadedFile) {
    setOpened((n) => n + 1);
    const sheet = firstSheetWithData(file.workbook);
    setSession({ name: file.name, size: file.size, workbook: file.workbook });
    setSheetName(sheet);
    setRect(usedRect(file.workbook.Sheets[sheet]));
    setTab("analysis");
    edits.reset();
    chat.reset();
  }

  function changeSheet(name: string) {
    if (!workbook) return;
    setSheetName(name);
    setRect(usedRect(workbook.Sheets[name]));
  }

  async function download() {
    if (!session) return;
    setDownloadError(null);
    try {
      const bytes = await workbookToXlsx(session.workbook);
      downloadBlob(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), editedFileName(session.name));
    } catch (error) {
      setDownloadError(`The workbook could not be saved: ${error instanceof Error ? error.message : "unknown error"}.`);
    }
  }

  if (!session || !workbook) {
    return (
      <section aria-labelledby="upload-title" className="flex flex-col gap-3">
        <h2 id="upload-title" className="font-semibold">
          Open a workbook
        </h2>
        <FileDrop onLoaded={openFile} />
      </section>
    );
  }

  const ready = analysis.status === "ready" ? analysis.result : null;
  const problem = ready ? contextProblem(ready.sent.summary, maxCells) : null;
  const applied = edits.appliedCount;
  const sentNotice = ready && rect ? describeSent({ address: rectAddress(rect, sheetName), rowCount: rect.rowCount, columnCount: rect.columnCount, built: ready.sent, compact: ready.compact.summary }) : null;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="workbook-title" className="flex flex-col gap-4 rounded-xl border bg-card p-4 text-card-foreground">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex min-w-0 items-start gap-3">
            <FileSpreadsheet aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-primary" />
            <div className="flex min-w-0 flex-col">
              <h2 id="workbook-title" ref={title} tabIndex={-1} className="font-semibold break-all outline-none" data-testid="workbook-name">
                {session.name}
              </h2>
              <p className="text-xs text-muted-foreground">
                {formatBytes(session.size)} · {workbook.SheetNames.length} sheet{workbook.SheetNames.length === 1 ? "" : "s"}
                {applied > 0 ? ` · ${applied} change${applied === 1 ? "" : "s"} applied in this browser` : ""}
              </p>
            </div>
          </div>
          <Button variant="outline" size="sm" onClick={() => void download()}>
            <Download aria-hidden="true" />
            Download .xlsx
          </Button>
        </div>
        <FormError id="download-error" message={downloadError} />
        <RangePicker
          sheetNames={workbook.SheetNames}
          sheetName={sheetName}
          rect={rect}
          used={used}
          onSheetChange={changeSheet}
          onRangeChange={(next, sheet) => {
            if (sheet !== sheetName) setSheetName(sheet);
            setRect(next);
          }}
        />
        <details className="text-sm">
          <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring">Open another file</summary>
          <div className="mt-3">
            <FileDrop onLoaded={openFile} compact />
          </div>
        </details>
      </section>

      {analysis.status === "error" ? <FormError id="analysis-error" message={analysis.message} /> : null}
      {analysis.status === "idle" && !rect ? <p className="rounded-xl border border-dashed p-6 text-sm text-muted-foreground">This sheet is empty. Choose another sheet.</p> : null}
      {analysis.status === "working" ? (
        <div role="status" aria-live="polite" className="flex flex-col gap-3">
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
            Analysing {rect ? rectAddress(rect, sheetName) : "the range"}…
          </p>
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-56 w-full" />
        </div>
      ) : null}

      {sentNotice?.partial ? (
        <section aria-labelledby="large-range-title" className="flex flex-col gap-1 rounded-xl border bg-muted/40 p-4 text-sm" data-testid="large-range-notice">
          <h2 id="large-range-title" className="font-semibold">
            A large range: what is analysed and what is sent
          </h2>
          <p>{sentNotice.analysed}</p>
          <p>{sentNotice.sent}</p>
          <p>{sentNotice.model}</p>
        </section>
      ) : null}
      {ready && rect ? (
        <Tabs value={tab} onValueChange={setTab}>
          <TabsList className="w-full sm:w-fit">
            <TabsTrigger value="analysis">Analysis</TabsTrigger>
            <TabsTrigger value="data">Cells</TabsTrigger>
            <TabsTrigger value="chat">
              Chat
              {chat.messages.length > 0 ? <span className="sr-only"> ({chat.messages.length} messages)</span> : null}
            </TabsTrigger>
          </TabsList>
          <TabsContent value="analysis">
            <AnalysisView table={ready.analysis.tables[0] ?? ready.analysis} otherTables={Math.max(0, ready.analysis.tables.length - 1)} grid={ready.grid} rect={rect} />
          </TabsContent>
          <TabsContent value="data">
            <DataPreview sheet={workbook.Sheets[sheetName]} rect={rect} version={version} />
          </TabsContent>
          {/* Kept mounted: switching tabs must not lose a streaming answer or a half-typed question. */}
          <TabsContent value="chat" forceMount className="data-[state=inactive]:hidden">
            <PlaygroundChat
              messages={chat.messages}
              status={chat.status}
              working={chat.working}
              error={chat.error}
              conversationId={chat.conversationId}
              problem={problem}
              workbook={workbook}
              activeSheet={sheetName}
              version={version}
              edits={edits}
              contextPreview={<ContextPreview address={rectAddress(rect, sheetName)} sent={ready.sent.summary} compact={ready.compact} />}
              onSend={(text) => chat.send(text, ready.sent.payload)}
              onStop={() => void chat.stop()}
              onNewConversation={() => {
                chat.reset();
                edits.reset();
              }}
            />
          </TabsContent>
        </Tabs>
      ) : null}
    </div>
  );
}
