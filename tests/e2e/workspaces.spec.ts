// Team workspaces end to end, on the main test server (embedded defaults, billing off, the
// offline analyst answering): an owner creates a workspace and an invite link in the dashboard;
// a second user opens the link and joins; in the Excel task pane (fake Office host) the member
// switches to the workspace and asks a question; the owner switches the History page to the
// workspace and sees the member's conversation with its author; the owner makes the workspace
// read-only and the member's pane says so.
import { expect, test, type BrowserContext } from "@playwright/test";
import { openSignedInPane, PASSWORD, signIn, signUp, type Session } from "./fixtures/accounts";
const SEED = {
  workbookName: "Team budget.xlsx",
  activeSheet: "Sheet1",
  selection: "Sheet1!A1:B4",
  sheets: { Sheet1: [["Item", "Cost"], ["Paper", 12], ["Ink", 40], ["Toner", 55]] },
};

/** The pane in Excel (fake host), already signed in with the member's session. */
function openPane(context: BrowserContext, session: Session) {
  return openSignedInPane(context, { seed: SEED, documentUrl: "https://contoso.sharepoint.com/sites/finance/Team%20budget.xlsx", session });
}

test("invite by link, switch workspaces, share a conversation, and a policy reaches the member's pane", async ({ browser, playwright, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the pane part sets its own width");
  const owner = await signUp(playwright, baseURL, "e2e-ws", "owner");
  const member = await signUp(playwright, baseURL, "e2e-ws", "member");

  // The owner creates the workspace and an invite link.
  const ownerContext = await browser.newContext({ baseURL });
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, owner.email);
  await ownerPage.goto("/dashboard/workspaces");
  await ownerPage.getByLabel("New workspace").fill("Finance team");
  await ownerPage.getByRole("button", { name: "Create" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Finance team" })).toBeVisible();
  await ownerPage.getByTestId("create-invite").click();
  const inviteUrl = await ownerPage.getByTestId("invite-url").inputValue();
  expect(inviteUrl).toMatch(/\/invite\/[\w-]{40,}$/);

  // The member opens the link, signs in, and joins.
  const memberContext = await browser.newContext({ baseURL });
  const memberPage = await memberContext.newPage();
  await memberPage.goto(new URL(inviteUrl).pathname);
  await memberPage.waitForURL(/\/sign-in/);
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByLabel("Password").fill(PASSWORD);
  await memberPage.getByRole("button", { name: "Sign in" }).click();
  await memberPage.waitForURL(/\/invite\//);
  await memberPage.getByTestId("accept-invite").click();
  await expect(memberPage.getByRole("heading", { name: "Finance team" })).toBeVisible();
  await expect(memberPage.getByTestId("member-list")).toContainText(owner.email);

  // In the pane, the member switches to the workspace and asks.
  const pane = await openPane(memberContext, member.session);
  await expect(pane.getByTestId("pane-workspace")).toBeVisible({ timeout: 30_000 });
  await pane.getByTestId("pane-workspace").selectOption({ label: "Finance team" });
  await pane.getByLabel("Ask about your selection").fill("Which item costs most?");
  await pane.getByLabel("Ask about your selection").press("Enter");
  await expect(pane.getByTestId("assistant-message").last()).not.toBeEmpty({ timeout: 30_000 });

  // The owner switches History to the workspace and finds it, with its author.
  await ownerPage.goto("/dashboard/history");
  await ownerPage.getByTestId("workspace-switcher").selectOption({ label: "Finance team" });
  await ownerPage.waitForURL(/workspace=/);
  const row = ownerPage.getByTestId("conversation-row").filter({ hasText: "Which item costs most?" });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("conversation-author")).toHaveText(`by ${member.email}`);
  // Not in the owner's personal space.
  await ownerPage.getByTestId("workspace-switcher").selectOption({ label: "Personal" });
  await expect(ownerPage.getByTestId("conversation-row").filter({ hasText: "Which item costs most?" })).toHaveCount(0);

  // The owner makes the workspace read-only; the member's pane shows it on its next look.
  await ownerPage.goto("/dashboard/workspaces");
  await ownerPage.getByRole("link", { name: "Finance team" }).click();
  await ownerPage.getByLabel("Most a member's changes to a workbook may do").selectOption("read_only");
  await ownerPage.getByTestId("save-policies").click();
  await expect(ownerPage.getByText("Saved. The policies apply")).toBeVisible();
  await ownerPage.reload();
  await expect(ownerPage.getByTestId("workspace-audit")).toContainText("Policies changed");
  await expect(ownerPage.getByLabel("Most a member's changes to a workbook may do")).toHaveValue("read_only");

  await pane.reload();
  await expect(pane.getByTestId("pane-workspace")).toHaveValue(/[0-9a-f-]{36}/, { timeout: 30_000 });
  await expect(pane.getByTestId("pane-policy-note")).toContainText("answers only read the workbook");
  await ownerContext.close();
  await memberContext.close();
});
