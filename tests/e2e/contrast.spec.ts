// Colour contrast in both colour schemes, as a reader's operating system picks them (emulated
// here with page.emulateMedia): every page — landing, sign-in, sign-up, forgot and reset password, each dashboard page with
// real data in it, the add-in task pane over the fake Office host and the add-in's sign-in
// window — and the states that carry colour of their own: error alerts, destructive buttons and
// dialogs, badges, charts, the quota prompt. Text must meet WCAG AA (axe-core's color-contrast
// rule: 4.5:1, 3:1 for large text), and a keyboard focus ring must stand out 3:1 from the
// surface around it. Each check first proves the scheme took effect, so a page that ignored the
// dark preference could not pass by being checked twice in light.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import type { StoreCell, WorkbookSeed } from "../fixtures/addin/workbook-store";
import { writeSalesFixtures } from "../fixtures/workbooks/build-sales-workbook";
import { fakeOfficeScript } from "./fixtures/fake-office-host";

const PASSWORD = "Spreadsheet-42!";
// Server work (password hashing, the first render of a page) on a busy machine.
const SLOW = { timeout: 60_000 };
const SCHEMES = ["light", "dark"] as const;

const SALES: StoreCell[][] = [
  ["Region", "Q1", "Q2"],
  ["North", 1200, 1350],
  ["South", 900, 1010],
  ["East", 1500, 1650],
];
const SEED: WorkbookSeed = { workbookName: "Budget.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:C4", sheets: { Sheet1: SALES } };

/** Colour eases between schemes (transition-colors): wait for running CSS transitions to end. */
async function settle(page: Page) {
  await page.evaluate(async () => {
    const transitions = document.getAnimations().filter((animation) => animation instanceof CSSTransition && animation.playState === "running");
    const ended = Promise.all(transitions.map((transition) => transition.finished.catch(() => undefined)));
    // Transitions here last 150-200ms; one that never ends (restarted by the page) must not hang the check.
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  });
}

/** Relative luminance (0 black … 1 white) of the page background, whatever syntax the browser serialises. */
function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const linear = [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  });
}

async function useScheme(page: Page, colorScheme: (typeof SCHEMES)[number], state: string) {
  await page.emulateMedia({ colorScheme });
  await settle(page);
  const luminance = await backgroundLuminance(page);
  expect(luminance > 0.5 ? "light" : "dark", `${state}: the page background follows the ${colorScheme} preference`).toBe(colorScheme);
}

/**
 * Chart labels: SVG text, which axe cannot judge (it reports it as undecidable). Each label's
 * resolved fill against the surface under the chart, 4.5:1 as for any small text.
 */
function chartLabelFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    const luminance = (fills: string[]) => {
      context.clearRect(0, 0, 1, 1);
      for (const fill of fills) {
        context.fillStyle = fill;
        context.fillRect(0, 0, 1, 1);
      }
      const linear = [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    };
    const failures: string[] = [];
    for (const text of document.querySelectorAll("svg text")) {
      const label = text.textContent?.trim();
      if (!label || (text as SVGTextElement).getBBox().width === 0) continue;
      const surface = [getComputedStyle(document.body).backgroundColor];
      const layers: string[] = [];
      for (let node = text.closest("svg")?.parentElement ?? null; node && node !== document.body; node = node.parentElement) {
        const background = getComputedStyle(node).backgroundColor;
        if (background !== "rgba(0, 0, 0, 0)") layers.unshift(background);
      }
      surface.push(...layers);
      const behind = luminance(surface);
      const ink = luminance([...surface, getComputedStyle(text).fill]);
      const ratio = (Math.max(ink, behind) + 0.05) / (Math.min(ink, behind) + 0.05);
      if (ratio < 4.5) failures.push(`chart label "${label}": ${ratio.toFixed(2)}:1`);
    }
    return failures;
  });
}

/** Every text element on the page as it is now, in both schemes (failures are collected, not fatal). */
async function expectReadable(page: Page, state: string) {
  // Tall enough that nothing is scrolled under a sticky header or out of a scrolling pane, where
  // axe cannot tell the background and would leave the text unjudged.
  const viewport = page.viewportSize();
  if (viewport) await page.setViewportSize({ width: viewport.width, height: 3_000 });
  for (const colorScheme of SCHEMES) {
    await useScheme(page, colorScheme, state);
    const { violations, passes, incomplete } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
    // A check that saw no text proves nothing.
    expect(passes.concat(violations).flatMap((rule) => rule.nodes).length, `${state}, ${colorScheme} scheme: text checked`).toBeGreaterThan(0);
    if (process.env.CONTRAST_DEBUG) console.log(state, colorScheme, "passes", passes.flatMap((r) => r.nodes).length, "incomplete", JSON.stringify(incomplete.flatMap((r) => r.nodes.map((n) => `${n.target.join(" ")}: ${n.any.map((c) => c.message).join("; ")}`))));
    const failures = violations.flatMap((violation) =>
      violation.nodes.map((node) => `${node.target.join(" ")}: ${node.any.map((check) => check.message).join("; ")}`),
    );
    failures.push(...(await chartLabelFailures(page)));
    expect.soft(failures, `${state}, ${colorScheme} scheme: text below WCAG AA contrast`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
  if (viewport) await page.setViewportSize(viewport);
}

/**
 * The contrast of an element's keyboard focus indicator against the surface around it: every
 * colour that focusing changed (ring shadows, outline, border), the best one counted. Runs in the
 * browser, which resolves the colours (canvas reads any CSS colour syntax, alpha included).
 */
async function focusIndicatorContrast(target: Locator): Promise<number> {
  const styles = () =>
    target.evaluate((element) => {
      const style = getComputedStyle(element);
      return { boxShadow: style.boxShadow, outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, border: style.borderTopColor };
    });
  await target.evaluate((element) => (element as HTMLElement).blur());
  const before = await styles();
  // Focus as a keyboard user would: a key press first, so the browser shows :focus-visible.
  await target.page().keyboard.press("Shift");
  await target.focus();
  await expect(target).toBeFocused();
  await settle(target.page());
  return target.evaluate((element, before) => {
    const style = getComputedStyle(element);
    const candidates: string[] = [];
    const colors = (value: string) => value.match(/(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^)]*\)/g) ?? [];
    if (style.boxShadow !== before.boxShadow) candidates.push(...colors(style.boxShadow));
    const outline = `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    if (outline !== before.outline && style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0) candidates.push(style.outlineColor);
    if (style.borderTopColor !== before.border && Number.parseFloat(style.borderTopWidth) > 0) candidates.push(style.borderTopColor);

    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    const paint = (fills: string[]) => {
      context.clearRect(0, 0, 1, 1);
      for (const fill of fills) {
        context.fillStyle = fill;
        context.fillRect(0, 0, 1, 1);
      }
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      const linear = [r, g, b].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    };
    // The surface the ring is drawn on: the nearest ancestor backgrounds, over the page's.
    const surface: string[] = [getComputedStyle(document.body).backgroundColor];
    const layers: string[] = [];
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const background = getComputedStyle(node).backgroundColor;
      if (background !== "rgba(0, 0, 0, 0)" && background !== "transparent") layers.unshift(background);
    }
    surface.push(...layers);
    const behind = paint(surface);
    let best = 0;
    for (const candidate of candidates) {
      const ring = paint([...surface, candidate]);
      best = Math.max(best, (Math.max(ring, behind) + 0.05) / (Math.min(ring, behind) + 0.05));
    }
    return best;
  }, before);
}

async function expectVisibleFocus(target: Locator, state: string) {
  const page = target.page();
  for (const colorScheme of SCHEMES) {
    await useScheme(page, colorScheme, state);
    const contrast = await focusIndicatorContrast(target);
    expect.soft(contrast, `${state}, ${colorScheme} scheme: focus indicator contrast (needs 3:1)`).toBeGreaterThanOrEqual(3);
  }
  await target.evaluate((element) => (element as HTMLElement).blur());
  await page.emulateMedia({ colorScheme: null });
}

// Many pages, each checked twice: more time than one page's test needs.
test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "colours do not depend on the viewport: checked once, the task pane at its own width");
});

test("public pages and their error states", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
  await expectReadable(page, "landing page");
  await expectVisibleFocus(page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Sign up" }), "landing page link");

  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();
  await expectReadable(page, "sign-in");
  await expectVisibleFocus(page.getByLabel("Email"), "sign-in email field");
  await expectVisibleFocus(page.getByRole("button", { name: "Sign in" }), "sign-in button");
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByLabel("Password").fill("Wrong-password-1!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form [role=alert] [data-slot=alert]")).toBeVisible(SLOW);
  await expectReadable(page, "sign-in with an error");

  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form [role=alert] [data-slot=alert]")).toBeVisible();
  await expectReadable(page, "sign-up with a weak password");

  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.locator("form [role=alert] [data-slot=alert]")).toBeVisible();
  await expectReadable(page, "forgot password with an error");
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your email" })).toBeVisible(SLOW);
  await expectReadable(page, "forgot password, link sent");

  await page.goto("/reset-password?token=not-a-real-link");
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("Brand-new-pass-1");
  await expectReadable(page, "reset password");
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page.getByText("This link cannot be used")).toBeVisible(SLOW);
  await expectReadable(page, "reset password with a dead link");

  await page.goto("/addin/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to the Excel add-in" })).toBeVisible();
  await expectReadable(page, "add-in sign-in window");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form [role=alert] [data-slot=alert]")).toBeVisible();
  await expectReadable(page, "add-in sign-in window with an error");
});

test.describe("signed in", () => {
  let page: Page;
  let email: string;

  test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
    if (testInfo.project.name !== "desktop") return;
    const project = testInfo.project.use;
    const context = await browser.newContext({ viewport: project.viewport, baseURL: project.baseURL, acceptDownloads: true });
    page = await context.newPage();
    email = `e2e-contrast-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/, SLOW);
  });

  test.afterAll(async () => {
    await page?.context().close();
  });

  test("overview before any usage", async () => {
    await page.goto("/dashboard");
    await expect(page.getByText(/No chats in the last 30 days/)).toBeVisible(SLOW);
    await expectReadable(page, "overview, empty");
    await expectVisibleFocus(page.getByRole("navigation").getByRole("link", { name: "Playground" }), "dashboard menu link");
    await expectVisibleFocus(page.getByRole("button", { name: "Sign out" }), "sign-out button");
  });

  test("playground: a refused file, the analysis, an answer", async () => {
    const fixtures = writeSalesFixtures();
    await page.goto("/dashboard/playground");
    await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible();
    await expectReadable(page, "playground, empty");
    await page.locator("#playground-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await expect(page.locator("#playground-file-error")).toContainText("Choose an .xlsx, .xls or .csv file");
    await expectReadable(page, "playground, a refused file");

    await page.locator("#playground-file").setInputFiles(fixtures.xlsx);
    await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns", SLOW);
    await expect(page.getByRole("figure", { name: /by Date/ }).locator("svg text").first()).toBeVisible();
    await expectReadable(page, "playground, analysis with badges and a chart");
    await page.getByRole("tab", { name: "Cells" }).click();
    await expect(page.getByTestId("data-preview")).toContainText("North");
    await expectReadable(page, "playground, cells");
    await expectVisibleFocus(page.getByRole("tab", { name: "Cells" }), "playground tab");

    await page.getByRole("tab", { name: /Chat/ }).click();
    await page.getByLabel("Ask about this range").fill("What is the total revenue?");
    await page.getByLabel("Ask about this range").press("Enter");
    await expect(page.getByTestId("chat-status")).toHaveText("The answer is complete.", SLOW);
    await expectReadable(page, "playground, an answer from the offline analyst");
  });

  test("overview with usage, history, a conversation", async () => {
    await page.goto("/dashboard");
    await expect(page.getByRole("figure", { name: "Chats per day" }).locator("svg text").first()).toBeVisible(SLOW);
    await expectReadable(page, "overview with charts");

    await page.goto("/dashboard/history");
    await expect(page.getByTestId("conversation-row")).toHaveCount(1, SLOW);
    await expectReadable(page, "history");
    await page.getByRole("button", { name: "Delete all" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByRole("button", { name: "Delete all conversations" })).toBeVisible();
    await expectReadable(page, "history, the delete-all dialog (a destructive button)");
    await expectVisibleFocus(dialog.getByRole("button", { name: "Delete all conversations" }), "destructive button");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole("link", { name: "What is the total revenue?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "What is the total revenue?" })).toBeVisible(SLOW);
    await expect(page.getByTestId("history-message-assistant")).toContainText("Offline analyst");
    await expectReadable(page, "a conversation, with the offline analyst's badge");
  });

  test("keys, billing, connect", async () => {
    // A key, so the page shows a row with its badge and actions (created through the API: the
    // keys page's own flow is tested in auth.spec.ts).
    const created = await page.evaluate(async () => {
      const response = await fetch("/api/keys", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Contrast check" }) });
      return response.status;
    });
    expect(created).toBe(201);
    await page.goto("/dashboard/keys");
    await expect(page.getByText("Contrast check")).toBeVisible(SLOW);
    await expectReadable(page, "API keys with a key");

    await page.goto("/dashboard/billing");
    await expect(page.getByTestId("current-plan")).toBeVisible();
    await expectReadable(page, "billing");

    await page.goto("/dashboard/connect");
    await expect(page.getByLabel("Manifest URL")).toBeVisible();
    await expectReadable(page, "connect");
  });

  test("settings with a field error", async () => {
    await page.goto("/dashboard/settings");
    await expect(page.getByRole("radio", { name: "Ask before every change" })).toBeChecked(SLOW);
    await expectReadable(page, "settings");
    await expectVisibleFocus(page.getByRole("switch", { name: "Redact personal data" }), "settings switch");
    await expectVisibleFocus(page.getByRole("radio", { name: "Read only" }), "settings radio");
    await page.getByLabel("Keep conversations for (days)").fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Keep conversations between 1 and 3,650 days.")).toBeVisible();
    await expectReadable(page, "settings with a field error and an error alert");
  });

  test("account and the deletion dialog", async () => {
    await page.goto("/dashboard/account");
    await expect(page.getByTestId("audit-log")).toContainText("Account created", SLOW);
    await expect(page.getByRole("button", { name: "Delete my account" })).toBeVisible();
    await expectReadable(page, "account, with the destructive delete button");
    await page.getByRole("button", { name: "Delete my account" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await dialog.getByLabel(/to confirm/).fill(email);
    await dialog.getByLabel("Your password").fill(PASSWORD);
    await expect(dialog.getByRole("button", { name: "Delete account for good" })).toBeEnabled();
    await expectReadable(page, "account deletion dialog, armed");
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });
});

test("the add-in task pane: welcome, a refused key, the selection, an answer, the quota prompt", async ({ page, context }) => {
  await page.setViewportSize({ width: 350, height: 720 });
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await context.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: "https://contoso.sharepoint.com/Budget.xlsx" }) });
  await page.goto("/addin/taskpane");
  await expect(page.getByRole("button", { name: "Continue as a guest" })).toBeVisible(SLOW);
  await expectReadable(page, "task pane, welcome");

  await page.getByLabel(/paste an API key/).fill("not-a-key");
  await page.getByRole("button", { name: "Use key" }).click();
  await expect(page.locator("#addin-sign-in-panel-error [data-slot=alert]")).toBeVisible();
  await expectReadable(page, "task pane, a refused API key");

  await page.getByRole("button", { name: "Continue as a guest" }).click();
  await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!A1:C4");
  await expectReadable(page, "task pane, the selection chip");
  await expectVisibleFocus(page.getByLabel("Ask about your selection"), "task pane composer");

  await page.getByLabel("Ask about your selection").fill("Summarize this data");
  await page.getByLabel("Ask about your selection").press("Enter");
  await expect(page.getByTestId("assistant-message").last()).toContainText("Offline analyst (no AI model)", { timeout: 60_000 });
  await expectReadable(page, "task pane, an offline answer");

  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 429,
      contentType: "application/json",
      headers: { "Retry-After": "3600" },
      body: JSON.stringify({ error: { code: "quota_exceeded", message: "You have used your 10 free questions for today. Sign up for more.", requestId: "req-contrast", upgradeUrl: "/sign-up" } }),
    }),
  );
  await page.getByLabel("Ask about your selection").fill("And the trend?");
  await page.getByLabel("Ask about your selection").press("Enter");
  await expect(page.getByTestId("upgrade-prompt")).toBeVisible();
  await expect(page.getByTestId("not-sent")).toBeVisible();
  await expectReadable(page, "task pane, the quota prompt (a destructive alert) and the question marked Not sent");

  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByTestId("plan-usage")).toContainText(/guest questions left today/);
  await expectReadable(page, "task pane settings: plan, what is left, dashboard and help");
});
