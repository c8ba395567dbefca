// The dashboard playground in a workspace, rendered on the server as a member would get it: the
// space the URL names (a member's only), that workspace's policies shown as caps on the write
// mode, the models and PII masking, and a conversation opened from History continued in its own
// workspace — read only for a member who did not start it, not found for an outsider.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { MockLanguageModelV4 } from "ai/test";
import { POST as createWorkspaceRoute } from "@/app/api/workspaces/route";
import { PATCH as patchWorkspaceRoute } from "@/app/api/workspaces/[id]/route";
import { POST as inviteRoute } from "@/app/api/workspaces/[id]/invites/route";
import { POST as acceptRoute } from "@/app/api/invites/[token]/accept/route";
import { POST as chatRoute } from "@/app/api/chat/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { nextIp, storedMessages } from "@/tests/fixtures/ai/test-db";
import { waitFor } from "@/tests/fixtures/ai/ui-stream";

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; claims: object } }));
vi.mock("@/lib/auth/current-user", () => ({
  requireUser: async () => ({ kind: "user", via: "cookie", ...session.user }),
  getCurrentUser: async () => session.user,
}));
// The Space switcher navigates with the app router, which a static render does not mount.
vi.mock("next/navigation", () => ({ useRouter: () => ({ push() {}, replace() {}, refresh() {} }), usePathname: () => "/dashboard/playground" }));

const { default: PlaygroundPage } = await import("@/app/(dashboard)/dashboard/playground/page");

let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let workspaceId: string;
let conversationId: string;

function useChain() {
  const model = (modelId: string) => new MockLanguageModelV4({ modelId });
  setProviderChainForTests(
    createProviderChain({
      providers: [
        { kind: "model", name: "azure", modelId: "gpt-4o", model: model("gpt-4o") },
        { kind: "model", name: "openai", modelId: "gpt-4o-mini", model: model("gpt-4o-mini") },
      ],
      timeoutMs: 2_000,
    }),
  );
}
afterEach(() => setProviderChainForTests(undefined));

async function render(user: TestUser, params: Record<string, string>) {
  session.user = { userId: user.id, email: user.email, claims: user.claims };
  const html = renderToStaticMarkup(await PlaygroundPage({ searchParams: Promise.resolve(params) }));
  return { html, text: html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ") };
}

/** The options of the select with this id: [value, label, disabled]. */
function options(html: string, id: string): [string, string, boolean][] {
  const select = html.match(new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`))?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)<\/option>/g)].map((m) => [m[1], m[3], m[2].includes("disabled")]);
}

beforeAll(async () => {
  await getDatabase();
  owner = await createTestUser("pg-ws-owner");
  member = await createTestUser("pg-ws-member");
  outsider = await createTestUser("pg-ws-outsider");
  const created = await callRoute(createWorkspaceRoute, "/api/workspaces", { token: owner.accessToken, body: { name: "Ledger team" } });
  expect(created.status).toBe(201);
  workspaceId = created.json.id;
  const invited = await callRoute(inviteRoute, `/api/workspaces/${workspaceId}/invites`, { token: owner.accessToken, body: {}, params: { id: workspaceId } });
  const token = invited.json.token as string;
  expect((await callRoute(acceptRoute, `/api/invites/${token}/accept`, { method: "POST", token: member.accessToken, params: { token } })).status).toBe(200);
  // The owner's conversation in the workspace (the offline analyst answers: no chain is set yet).
  const chat = await callRoute(chatRoute, "/api/chat", {
    token: owner.accessToken,
    ip: nextIp(),
    body: { messages: [{ id: "u-1", role: "user", parts: [{ type: "text", text: "Which line is largest?" }] }], workspaceId },
  });
  expect(chat.status).toBe(200);
  conversationId = chat.headers.get("x-conversation-id") as string;
  await waitFor(async () => ((await storedMessages(conversationId)).some((m) => m.role === "assistant") ? true : null));
  const patched = await callRoute(patchWorkspaceRoute, `/api/workspaces/${workspaceId}`, {
    method: "PATCH",
    token: owner.accessToken,
    params: { id: workspaceId },
    body: { policies: { maxWriteMode: "ask", forcePiiRedaction: true, allowedProviders: ["azure"] } },
  });
  expect(patched.status, patched.text).toBe(200);
});

describe("playground page in a workspace", () => {
  it("shows the workspace's policies as caps: write mode, models, PII masking", async () => {
    useChain();
    const { html, text } = await render(member, { workspace: workspaceId });
    expect(text).toContain("How the assistant answers in Ledger team");
    expect(options(html, "workspace-switcher")).toEqual([
      ["", "Personal", false],
      [workspaceId, "Ledger team", false],
    ]);
    expect(html).toMatch(new RegExp(`<option value="${workspaceId}" selected`));
    expect(options(html, "answer-write-mode")).toEqual([
      ["ask", "Ask before each change", false],
      ["auto", "Apply changes automatically (not allowed here)", true],
      ["read_only", "Read-only (never change the workbook)", false],
    ]);
    expect(text).toContain("Ledger team's admins allow at most asking before each change.");
    expect(options(html, "answer-model")).toEqual([
      ["", "Automatic", false],
      ["gpt-4o", "gpt-4o", false],
      ["gpt-4o-mini", "gpt-4o-mini (not allowed here)", true],
    ]);
    expect(text).toContain("Ledger team's admins allow only azure");
    expect(text).toContain("Personal data masking is on: Ledger team's admins require it.");
  });

  it("keeps the member's own settings in the personal space, and a non-member's ?workspace is the personal space", async () => {
    useChain();
    const personal = await render(member, {});
    expect(personal.text).not.toContain("Ledger team's admins");
    expect(options(personal.html, "answer-write-mode").every(([, , disabled]) => !disabled)).toBe(true);
    expect(personal.text).toContain("Personal data masking is off");

    const stranger = await render(outsider, { workspace: workspaceId });
    expect(stranger.text).not.toContain("Ledger team");
    expect(stranger.html).not.toContain('id="workspace-switcher"');
  });

  it("opens a workspace conversation in its workspace: continued by its author, read only for another member", async () => {
    const mine = await render(owner, { conversation: conversationId });
    expect(mine.text).toContain("Which line is largest?");
    expect(mine.text).toContain("Started by you in Ledger team");
    expect(mine.html).toMatch(new RegExp(`<option value="${workspaceId}" selected`));
    expect(mine.html).not.toContain('data-testid="opened-read-only"');

    const theirs = await render(member, { conversation: conversationId });
    expect(theirs.text).toContain(`Started by ${owner.email} in Ledger team`);
    expect(theirs.html).toContain('data-testid="opened-read-only"');
    expect(theirs.html).toMatch(new RegExp(`<option value="${workspaceId}" selected`));
  });

  it("does not open another user's conversation for an outsider", async () => {
    const { html, text } = await render(outsider, { conversation: conversationId });
    expect(text).not.toContain("Which line is largest?");
    expect(html).not.toContain('data-testid="opened-conversation"');
    expect(text).toContain("That conversation could not be opened");
  });
});
