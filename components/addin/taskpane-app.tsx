"use client";

// The task pane: waits for Office, then asks who you are (sign in, API key or guest), then the
// chat with the live selection chip, edit cards, history of this workbook and settings.
import { useCallback, useEffect, useState } from "react";
import { History, LoaderCircle, Plus, Settings, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { getConversationMessages, getQuota, getWriteMode, setWriteMode, type ConversationListItem } from "@/lib/addin/api-client";
import type { QuotaLeft } from "@/lib/addin/quota";
import { isUserSession, type Credential } from "@/lib/addin/auth/credential";
import { signInWithMicrosoft } from "@/lib/addin/auth/microsoft-sign-in";
import { revokeSession } from "@/lib/addin/auth/sign-out";
import { reportIn } from "@/lib/addin/report-in";
import { loadWriteMode, saveWriteMode, type WriteMode } from "@/lib/addin/write-mode";
import type { ChatClientMessage } from "@/lib/chat-client/create-chat-transport";
import { AccountDataSection } from "./account-data-section";
import { AddinMark } from "./addin-mark";
import { ChatPanel } from "./chat-panel";
import { useWorkspaces, WorkspacePicker } from "./workspace-picker";
import { effectiveWriteMode, policyNote } from "@/lib/addin/workspaces";
import { HistoryPanel } from "./history-panel";
import { SettingsPanel } from "./settings-panel";
import { SignInPanel } from "./sign-in-panel";
import { useCredential } from "./use-credential";
import { useCustomFunctions } from "./use-custom-functions";
import { useOfficeHost } from "./use-office-host";
import { useSelectionContext } from "./use-selection-context";

interface ChatSession {
  id: string;
  messages: ChatClientMessage[];
  conversationId: string | null;
}

const newSession = (): ChatSession => ({ id: crypto.randomUUID(), messages: [], conversationId: null });

/** `microsoftClientId`: the app registration's client id when the server accepts Microsoft sign-in. */
export function TaskpaneApp({ microsoftClientId = null }: { microsoftClientId?: string | null }) {
  const host = useOfficeHost();
  const { credential, setCredential, authorizedFetch } = useCredential(microsoftClientId);
  const inExcel = host?.kind === "excel";
  const [session, setSession] = useState<ChatSession | null>(null);
  const [view, setView] = useState<"chat" | "history">("chat");
  const [showSettings, setShowSettings] = useState(false);
  const [writeMode, setWriteModeState] = useState<WriteMode>("ask");
  const [writeModeNote, setWriteModeNote] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  /** Said on the sign-in screen after the account was deleted. */
  const [signInNotice, setSignInNotice] = useState<string | null>(null);
  /** Just signed in: the sign-in form that had focus is gone, so the question box takes it. */
  const [focusComposer, setFocusComposer] = useState(false);
  const signedIn = isUserSession(credential) || credential?.kind === "api_key";
  // Account settings need a signed-in session; an API key only chats and reads history.
  const hasSession = isUserSession(credential);
  const selection = useSelectionContext(inExcel && Boolean(credential));
  const [quota, setQuota] = useState<QuotaLeft | null>(null);
  const [quotaNote, setQuotaNote] = useState<string | null>(null);

  // What is left of the quota: from /api/usage for users, from each answer's X-Quota header for
  // everyone (guests cannot read /api/usage; nor can an API key without the `usage` scope).
  const kind = credential?.kind;
  useEffect(() => {
    setQuota(null);
    setQuotaNote(null);
    if (kind !== "session" && kind !== "microsoft" && kind !== "api_key") return;
    let live = true;
    void getQuota(authorizedFetch).then((result) => {
      if (!live) return;
      if (result.ok) setQuota(result.data);
      else if (result.error.status === 403) setQuotaNote("This API key may not read usage (it lacks the usage scope). What is left shows after your next question.");
      else setQuotaNote("What is left shows after your next question.");
    });
    return () => {
      live = false;
    };
  }, [kind, authorizedFetch]);
  const onQuota = useCallback((next: QuotaLeft) => {
    setQuota(next);
    setQuotaNote(null);
  }, []);

  useEffect(() => {
    setSession(newSession());
    setWriteModeState(loadWriteMode());
  }, []);

  // Running inside Excel and signed in: tell the server, so the dashboard's Connect page shows
  // this add-in as connected. Once per sign-in; the pane does not depend on the answer.
  useEffect(() => {
    if (inExcel && signedIn) void reportIn(authorizedFetch);
  }, [inExcel, signedIn, authorizedFetch]);

  // A signed-in user's profile preference wins over this device's last choice.
  useEffect(() => {
    if (!hasSession) return;
    let live = true;
    void getWriteMode(authorizedFetch).then((result) => {
      if (live && result.ok) {
        setWriteModeState(result.data.writeMode);
        saveWriteMode(result.data.writeMode);
      }
    });
    return () => {
      live = false;
    };
  }, [hasSession, authorizedFetch]);

  const changeWriteMode = useCallback(
    async (mode: WriteMode) => {
      setWriteModeState(mode);
      saveWriteMode(mode);
      setWriteModeNote(null);
      if (!hasSession) {
        setWriteModeNote(
          credential?.kind === "api_key"
            ? "Saved on this device. An API key cannot change account settings; sign in to save it to your account."
            : "Saved on this device.",
        );
        return;
      }
      const result = await setWriteMode(authorizedFetch, mode);
      setWriteModeNote(result.ok ? "Saved to your account." : `Saved on this device only: ${result.error.message}`);
    },
    [hasSession, credential, authorizedFetch],
  );

  const signOut = useCallback(async () => {
    // Ends the session on the server too (its refresh and access tokens); signing out here does
    // not wait for it.
    void revokeSession(credential ?? null);
    setCredential(null);
    setSession(newSession());
    setShowSettings(false);
    setView("chat");
  }, [credential, setCredential]);

  // The account is gone: its Microsoft token would only create a new, empty account, so the pane
  // forgets it at once and shows the sign-in screen.
  const accountDeleted = useCallback(() => {
    setCredential(null);
    setSession(newSession());
    setShowSettings(false);
    setView("chat");
    setSignInNotice("Your account and everything stored with it have been deleted.");
  }, [setCredential]);

  const chooseCredential = useCallback(
    (next: Credential) => {
      setSignInNotice(null);
      setCredential(next);
      setSession(newSession());
      setFocusComposer(true);
    },
    [setCredential],
  );

  const openConversation = useCallback(
    async (item: ConversationListItem) => {
      setOpenError(null);
      const result = await getConversationMessages(authorizedFetch, item.id);
      if (!result.ok) {
        setOpenError(result.error.message);
        return;
      }
      // Reopened to continue: the next question goes on in the same conversation.
      setSession({ id: item.id, messages: result.data, conversationId: item.id });
      setView("chat");
      setFocusComposer(true);
    },
    [authorizedFetch],
  );

  const spaces = useWorkspaces(authorizedFetch, hasSession);
  // The in-cell functions (=AI.ASK, …) run in this pane's runtime, with its credential, in the
  // space the pane works in (like its new conversations).
  useCustomFunctions(inExcel, credential, authorizedFetch, spaces.workingIn);
  const paneWriteMode = effectiveWriteMode(writeMode, spaces.current);

  const onConversationId = useCallback((id: string) => {
    setSession((current) => (current && current.conversationId !== id ? { ...current, conversationId: id } : current));
  }, []);

  if (host === null || credential === undefined || session === null) {
    return (
      <div role="status" className="flex flex-1 items-center justify-center gap-2 text-sm text-muted-foreground">
        <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> Starting…
      </div>
    );
  }

  const notInExcel =
    host.kind === "unavailable" ? (
      <p role="status" className="flex gap-2 border-b bg-muted/50 px-3 py-2 text-xs">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-warning" />
        <span>{host.reason} Add the add-in to Excel (see the dashboard's Connect page) to read selections and apply changes.</span>
      </p>
    ) : !host.excelApi19 ? (
      <p role="status" className="flex gap-2 border-b bg-muted/50 px-3 py-2 text-xs">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-warning" />
        <span>This version of Excel is older than the add-in needs (Excel API 1.9). Update Office to read selections.</span>
      </p>
    ) : null;

  if (!credential) {
    return (
      <>
        {notInExcel}
        <SignInPanel inOffice={host.kind === "excel"} microsoftClientId={microsoftClientId} notice={signInNotice} onCredential={chooseCredential} />
      </>
    );
  }

  const workbook = selection.state.status === "ready" ? selection.state.read.summary.workbook : null;

  return (
    <>
      <header className="flex items-center gap-1 border-b px-3 py-2">
        <AddinMark as="h1" className="min-w-0 flex-1 text-sm" />
        {signedIn ? (
          <Button type="button" size="icon" variant="ghost" aria-label="Conversations in this workbook" title="Conversations in this workbook" aria-pressed={view === "history"} onClick={() => setView(view === "history" ? "chat" : "history")}>
            <History aria-hidden="true" />
          </Button>
        ) : null}
        <Button
          type="button"
          size="icon"
          variant="ghost"
          aria-label="New conversation"
          title="New conversation"
          onClick={() => {
            setSession(newSession());
            setView("chat");
          }}
        >
          <Plus aria-hidden="true" />
        </Button>
        <Button type="button" size="icon" variant="ghost" aria-label="Settings" title="Settings" aria-expanded={showSettings} onClick={() => setShowSettings((v) => !v)}>
          <Settings aria-hidden="true" />
        </Button>
      </header>
      {notInExcel}
      {spaces.workspaces.length > 0 ? (
        <WorkspacePicker
          spaces={spaces}
          onChange={(id) => {
            spaces.choose(id);
            setSession(newSession());
            setView("chat");
          }}
        />
      ) : null}
      {/* Each view opens with a heading, so a screen reader's heading list shows where one is. */}
      {showSettings ? <h2 className="sr-only">Settings</h2> : null}
      {showSettings ? (
        <SettingsPanel credential={credential} quota={quota} quotaNote={quotaNote} writeMode={writeMode} writeModeNote={[writeModeNote, policyNote(spaces.current)].filter(Boolean).join(" ") || null} onWriteModeChange={(m) => void changeWriteMode(m)} onSignOut={() => void signOut()}>
          {credential.kind === "microsoft" && microsoftClientId ? (
            <AccountDataSection
              email={credential.user.email}
              fetcher={authorizedFetch}
              signInAgain={() => signInWithMicrosoft(microsoftClientId, { only: credential.via, fresh: true })}
              onDeleted={accountDeleted}
            />
          ) : null}
        </SettingsPanel>
      ) : null}
      {openError ? (
        <p role="alert" className="border-b px-3 py-2 text-xs text-destructive">
          {openError}
        </p>
      ) : null}
      {view === "history" && signedIn ? (
        <HistoryPanel fetcher={authorizedFetch} workbook={workbook} workspaceId={spaces.current?.id ?? null} activeId={session.conversationId} onOpen={(item) => void openConversation(item)} onClose={() => setView("chat")} />
      ) : null}
      {/* Hidden, not unmounted, while the history shows: the conversation and its edit cards stay as they are. */}
      <div className={view === "history" && signedIn ? "hidden" : "flex min-h-0 flex-1 flex-col"}>
        <h2 className="sr-only">Conversation</h2>
        <ChatPanel
          key={session.id}
          chatId={session.id}
          initialMessages={session.messages}
          conversationId={session.conversationId}
          workspaceId={spaces.current?.id ?? null}
          fetcher={authorizedFetch}
          selection={selection.state}
          onRefreshSelection={() => void selection.refresh()}
          onCancelSelection={selection.cancel}
          writeMode={paneWriteMode}
          inExcel={inExcel}
          isGuest={credential.kind === "guest"}
          onConversationId={onConversationId}
          onSignIn={() => void signOut()}
          autoFocus={focusComposer}
          quota={quota}
          onQuota={onQuota}
        />
      </div>
    </>
  );
}
