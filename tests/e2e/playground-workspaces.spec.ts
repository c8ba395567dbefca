// Chatting in a workspace from the dashboard playground, on the main test server (embedded
// defaults, the offline analyst answering): the owner creates a workspace, picks it in the
// playground's Space switcher and asks about a CSV; the request carries the workspace's id as the
// pane's does. A second member finds the conversation in the workspace's History, opens it in the
// playground and sees it read only (only its author continues a conversation). The owner then
// caps the write mode and forces PII masking: the member's playground shows both; and the owner,
// reopening the conversation from History, continues it inside the workspace.
import { expect, test, type Page, type Request } from "@playwright/test";
import { signIn, signUp } from "./fixtures/accounts";

const SLOW = { timeout: 30_000 };
const CSV = Buffer.from("Item,Cost\nPaper,12\nInk,40\nToner,55\nStaples,3\n");
const QUESTION = "Which item costs most in the team budget?";

/** A JSON call from the page itself (same origin, with its session cookie). */
async function callApi<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, { method, headers: body === undefined ? {} : { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, data: await response.json() };
    },
    { method, url, body },
  );
}

async function openCsv(page: Page) {
  await page.locator("#playground-file").setInputFiles({ name: "team-budget.csv", mimeType: "text/csv", buffer: CSV });
  await expect(page.getByTestId("workbook-name")).toHaveText("team-budget.csv", SLOW);
}

/** The body of every chat request the page sends. */
function chatBodies(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on("request", (request: Request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/chat") bodies.push(request.postDataJSON());
  });
  return bodies;
}

test("chat in a workspace from the playground; another member reads it read only; policies cap the playground", async ({ browser, playwright, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one layout is enough: the playground's layouts are covered by the dashboard journey");
  test.setTimeout(180_000);
  const { email: ownerEmail } = await signUp(playwright, baseURL, "e2e-pgws", "owner");
  const { email: memberEmail } = await signUp(playwright, baseURL, "e2e-pgws", "member");

  // The owner creates the workspace and invites the member, who joins.
  const ownerContext = await browser.newContext({ baseURL });
  const owner = await ownerContext.newPage();
  await signIn(owner, ownerEmail);
  await owner.goto("/dashboard/workspaces");
  await owner.getByLabel("New workspace").fill("Budget crew");
  await owner.getByRole("button", { name: "Create" }).click();
  await owner.waitForURL(/\/dashboard\/workspaces\/[0-9a-f-]{36}$/);
  await expect(owner.getByRole("heading", { name: "Budget crew" })).toBeVisible();
  const workspaceId = new URL(owner.url()).pathname.split("/").pop() ?? "";
  expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
  const invite = await callApi<{ token: string }>(owner, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "member" });
  expect(invite.status).toBe(201);

  const memberContext = await browser.newContext({ baseURL });
  const member = await memberContext.newPage();
  await signIn(member, memberEmail);
  const joined = await callApi<{ workspaceId: string }>(member, "POST", `/api/invites/${invite.data.token}/accept`);
  expect(joined.status).toBe(200);
  expect(joined.data.workspaceId).toBe(workspaceId);

  // The playground starts in the personal space; the owner picks the workspace (kept in the URL).
  const ownerChats = chatBodies(owner);
  await owner.goto("/dashboard/playground");
  await expect(owner.getByTestId("workspace-switcher")).toHaveValue("", SLOW);
  await owner.getByTestId("workspace-switcher").selectOption({ label: "Budget crew" });
  await owner.waitForURL(new RegExp(`workspace=${workspaceId}`));
  await expect(owner.getByRole("heading", { name: "How the assistant answers in Budget crew" })).toBeVisible();
  await owner.reload();
  await expect(owner.getByTestId("workspace-switcher")).toHaveValue(workspaceId);

  await openCsv(owner);
  await owner.getByRole("tab", { name: /Chat/ }).click();
  await expect(owner.getByTestId("chat-space")).toContainText("shared in Budget crew");
  await owner.getByLabel("Ask about this range").fill(QUESTION);
  await owner.getByRole("button", { name: "Send" }).click();
  await expect(owner.getByTestId("chat-status")).toHaveText("The answer is complete.", SLOW);
  await expect(owner.getByTestId("chat-assistant").last()).not.toBeEmpty();
  // Sent as the pane sends it: the new conversation names its workspace.
  expect(ownerChats.length).toBeGreaterThan(0);
  expect(ownerChats[0].workspaceId).toBe(workspaceId);
  expect(ownerChats[0].conversationId).toBeUndefined();

  // The member finds it in the workspace's History, with its author, and opens it in the playground.
  await member.goto(`/dashboard/history?workspace=${workspaceId}`);
  const row = member.getByTestId("conversation-row").filter({ hasText: QUESTION });
  await expect(row).toBeVisible(SLOW);
  await expect(row.getByTestId("conversation-author")).toHaveText(`by ${ownerEmail}`);
  await row.getByRole("link").first().click();
  await expect(member.getByTestId("conversation-read-only")).toBeVisible(SLOW);
  await expect(member.getByTestId("continue-conversation")).toHaveCount(0);
  await member.getByTestId("open-in-playground").click();
  await member.waitForURL(/\/dashboard\/playground\?conversation=/);
  await expect(member.getByTestId("opened-conversation")).toContainText(`Started by ${ownerEmail} in Budget crew`, SLOW);
  await expect(member.getByTestId("opened-read-only")).toBeVisible();
  await expect(member.getByTestId("workspace-switcher")).toHaveValue(workspaceId);
  // With a file open the earlier messages show, and no composer: only the author continues it.
  await openCsv(member);
  await expect(member.getByTestId("chat-user").first()).toContainText(QUESTION);
  await expect(member.getByTestId("chat-read-only")).toBeVisible();
  await expect(member.getByLabel("Ask about this range")).toHaveCount(0);

  // The owner caps the write mode and forces masking; the member's playground shows both.
  const patched = await callApi(owner, "PATCH", `/api/workspaces/${workspaceId}`, { policies: { maxWriteMode: "read_only", forcePiiRedaction: true } });
  expect(patched.status).toBe(200);
  await member.goto(`/dashboard/playground?workspace=${workspaceId}`);
  const writeMode = member.getByLabel("Write mode");
  await expect(writeMode).toHaveValue("read_only", SLOW);
  await expect(writeMode.locator("option", { hasText: "Ask before each change" })).toBeDisabled();
  await expect(writeMode.locator("option", { hasText: "Apply changes automatically" })).toBeDisabled();
  await expect(member.getByTestId("answer-write-mode-note")).toContainText("Budget crew's admins allow read-only answers");
  await expect(member.getByTestId("answer-pii")).toContainText("Budget crew's admins require it");
  // In the personal space the member's own settings stand.
  await member.getByTestId("workspace-switcher").selectOption({ label: "Personal" });
  await expect(member.getByRole("heading", { name: "How the assistant answers", exact: true })).toBeVisible();
  await expect(member.getByLabel("Write mode")).toHaveValue("ask");
  await expect(member.getByTestId("answer-pii")).toContainText("masking is off");

  // The owner reopens the conversation from History and continues it inside the workspace.
  await owner.goto(`/dashboard/history?workspace=${workspaceId}`);
  await owner.getByTestId("conversation-row").filter({ hasText: QUESTION }).getByRole("link").first().click();
  await owner.getByTestId("open-in-playground").click();
  await owner.waitForURL(/\/dashboard\/playground\?conversation=/);
  await expect(owner.getByTestId("opened-conversation")).toContainText("Started by you in Budget crew", SLOW);
  await expect(owner.getByTestId("opened-read-only")).toHaveCount(0);
  await openCsv(owner);
  await expect(owner.getByTestId("chat-user").first()).toContainText(QUESTION);
  await expect(owner.getByTestId("chat-space")).toContainText("This conversation is shared in Budget crew");
  const before = ownerChats.length;
  await owner.getByLabel("Ask about this range").fill("And the cheapest item?");
  await owner.getByRole("button", { name: "Send" }).click();
  await expect(owner.getByTestId("chat-status")).toHaveText("The answer is complete.", SLOW);
  const continued = ownerChats[before];
  expect(continued.workspaceId).toBe(workspaceId);
  expect(typeof continued.conversationId).toBe("string");
  // Still one conversation in the workspace, now with both questions.
  const shared = await callApi<{ conversations: { id: string; title: string; messageCount: number }[] }>(member, "GET", `/api/conversations?workspaceId=${workspaceId}`);
  expect(shared.data.conversations).toHaveLength(1);
  expect(shared.data.conversations[0].id).toBe(continued.conversationId);
  expect(shared.data.conversations[0].messageCount).toBe(4);

  await ownerContext.close();
  await memberContext.close();
});
