// The write mode the pane applies edits in (a profile preference): ask before each change
// (default), apply automatically (undo stays available), or read-only (cards show, Apply is
// off). Kept locally per device; for signed-in users it is also the profile preference, which
// the server uses to decide whether to offer edit tools at all.
export const WRITE_MODES = ["ask", "auto", "read_only"] as const;
export type WriteMode = (typeof WRITE_MODES)[number];

export const WRITE_MODE_LABELS: Record<WriteMode, string> = {
  ask: "Ask before each change",
  auto: "Apply changes automatically",
  read_only: "Read-only (never change the workbook)",
};

const STORAGE_KEY = "excel-ai-assistant:addin:write-mode:v1";

export function isWriteMode(value: unknown): value is WriteMode {
  return typeof value === "string" && (WRITE_MODES as readonly string[]).includes(value);
}

export function loadWriteMode(storage: Storage | undefined = globalThis.localStorage): WriteMode {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isWriteMode(value) ? value : "ask";
  } catch {
    return "ask";
  }
}

export function saveWriteMode(mode: WriteMode, storage: Storage | undefined = globalThis.localStorage) {
  try {
    storage?.setItem(STORAGE_KEY, mode);
  } catch {
    // Storage may be unavailable; the choice lasts for this session.
  }
}
