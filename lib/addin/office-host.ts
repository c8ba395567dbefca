// Whether the pane runs inside Excel. office.js loads from Microsoft's CDN (next/script in the
// add-in layout); the pane waits for it, then for Office.onReady. Opened in a plain browser tab
// (or with the CDN unreachable) the pane still renders and says what is missing.

export type HostStatus =
  | { kind: "excel"; platform: string | null; excelApi19: boolean }
  | { kind: "unavailable"; reason: string };

type ScriptState = "loading" | "loaded" | "failed";
let scriptState: ScriptState = "loading";
const waiters = new Set<() => void>();

/** Called by the office.js <Script> onLoad / onError. */
export function markOfficeScript(state: Exclude<ScriptState, "loading">) {
  scriptState = state;
  for (const wake of waiters) wake();
  waiters.clear();
}

function scriptSettled(timeoutMs: number): Promise<void> {
  if (scriptState !== "loading" || typeof Office !== "undefined") return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    waiters.add(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Office.onReady's answer once office.js is there, or null when it never loads. */
export async function waitForOffice(timeoutMs = 15_000): Promise<{ host: Office.HostType | null; platform: Office.PlatformType | null } | null> {
  await scriptSettled(timeoutMs);
  if (typeof Office === "undefined") return null;
  return Promise.race([Office.onReady(), new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}

export async function waitForOfficeHost(timeoutMs = 15_000): Promise<HostStatus> {
  const info = await waitForOffice(timeoutMs);
  if (typeof Office === "undefined") {
    return { kind: "unavailable", reason: scriptState === "failed" ? "Office.js could not be loaded from Microsoft's CDN." : "Office.js did not load." };
  }
  if (!info || info.host !== Office.HostType.Excel) {
    return { kind: "unavailable", reason: "This page is not running inside Excel." };
  }
  return {
    kind: "excel",
    platform: info.platform ? String(info.platform) : null,
    excelApi19: Office.context.requirements?.isSetSupported?.("ExcelApi", "1.9") ?? false,
  };
}
