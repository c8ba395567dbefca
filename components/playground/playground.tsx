"use client";

// The playground: a workbook chosen in the browser, a sheet and range, the analysis of that
// range, its cells, and a conversation about it through the same /api/chat the add-in uses.
// Proposed edits change the browser copy (with Undo), which can be downloaded as .xlsx.
// Conversations start in the space the page header's switcher names (personal or a workspace,
// whose admins' policies show above); one opened from History goes on in its own space.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { Download, FileSpreadsheet, LoaderCircle } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import type { PaneWorkspace } from "@/lib/addin/workspaces";
import { downloadBlob } from "@/lib/download-blob";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { rectAddress, usedRect, type SheetRect } from "@/lib/workbook/sheet-range";
import { editedFileName, formatBytes, workbookToXlsx } from "@/lib/workbook/workbook-file";
import { AnalysisView } from "./analysis-view";
import { AnswerSettings } from "./answer-settings";
import { OpenedConversationNotice } from "./opened-conversation-notice";
import { ContextPreview, contextProblem } from "./context-preview";
import { DataPreview } from "./data-preview";
import { describeSent } from "./describe-sent";
import { FileDrop, type LoadedFile } from "./file-drop";
import { PlaygroundChat } from "./playground-chat";
import type { AnswerPreferences, OpenedConversation, PlaygroundModel } from "./playground-space";
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

export function Playground({
  maxCells,
  space,
  preferences,
  models,
  opened,
  notFound,
}: {
  maxCells: number;
  /** The workspace new conversations start in, with its policies (null: personal). */
  space: PaneWorkspace | null;
  preferences: AnswerPreferences;
  models: readonly PlaygroundModel[];
  /** A conversation opened from History, continued in its own space. */
  opened: OpenedConversation | null;
  /** A conversation was asked for that I cannot read (deleted, or neither mine nor my workspace's). */
  notFound: boolean;
}) {
  const [session, setSession] = useState<Session | null>(null);
  const [sheetName, setSheetName] = useState("");
  const [rect, setRect] = useState<SheetRect | null>(null);
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState("analysis");
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const workbook = session?.workbook ?? null;
  const chat = usePlaygroundChat({ workbook, activeSheet: sheetName, workspaceId: space?.id ?? null, opened });
  const readOnly = chat.reopened && Boolean(opened?.readOnly);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const edits = useWorkbookEdits({ workbook, activeSheet: sheetName, onChanged: bump, onOutcome: chat.reportOutcome });

  const analysis = useRangeAnalysis({ workbook, workbookName: session?.name ?? "", sheetName, rect, version });
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the workbook's cells, which change in place when an edit is applied
  const used = useMemo(() => (workbook && sheetName ? usedRect(workbook.Sheets[sheetName]) : null), [workbook, sheetName, version]);

  // The drop zone that had focus is gone once a file opens: focus goes to the opened workbook's name.
  const title = useRef<HTMLHeadingElement>(null);
  const [filesOpened, setFilesOpened] = useState(0);
  useEffect(() => {
    if (filesOpened > 0) title.current?.focus();
  }, [filesOpened]);

  function openFile(file: LoadedFile) {
    setFilesOpened((n) => n + 1);
    const sheet = firstSheetWithData(file.workbook);
    setSession({ name: file.name, size: file.size, workbook: file.workbook });
    setSheetName(sheet);
    setRect(usedRect(file.workbook.Sheets[sheet]));
    // Another file starts another conversation; the first one continues an opened conversation.
    setTab(session === null && chat.reopened ? "chat" : "analysis");
    edits.reset();
    if (session !== null || !chat.reopened) chat.reset();
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

  const above = (
    <>
      {notFound ? <FormError id="opened-not-found" message="That conversation could not be opened: it was deleted, or it is neither yours nor shared in one of your workspaces." /> : null}
      {opened && chat.reopened ? <OpenedConversationNotice opened={opened} hasWorkbook={session !== null} /> : null}
      <AnswerSettings key={space?.id ?? "personal"} space={space} models={models} initial={preferences} />
    </>
  );

  if (!session || !workbook) {
    return (
      <div className="flex flex-col gap-6">
        {above}
        <section aria-labelledby="upload-title" className="flex flex-col gap-3">
          <h2 id="upload-title" className="font-semibold">
            Open a workbook
          </h2>
          <FileDrop onLoaded={openFile} />
        </section>
      </div>
    );
  }

  const ready = analysis.status === "ready" ? analysis.result : null;
  const problem = ready ? contextProblem(ready.sent.summary, maxCells) : null;
  const applied = edits.appliedCount;
  const sentNotice = ready && rect ? describeSent({ address: rectAddress(rect, sheetName), rowCount: rect.rowCount, columnCount: rect.columnCount, built: ready.sent, compact: ready.compact.summary }) : null;

  return (
    <div className="flex flex-col gap-6">
      {above}
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
              spaceName={chat.workspaceId ? (chat.workspaceId === space?.id ? space.name : "a workspace") : null}
              readOnly={readOnly}
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
              newConversationLabel={space ? `New conversation in ${space.name}` : "New conversation"}
            />
          </TabsContent>
        </Tabs>
      ) : null}
    </div>
  );
}
