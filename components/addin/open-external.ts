// Opens a page in the user's browser. Inside Office the task pane is a sandboxed web view where
// window.open is unreliable; openBrowserWindow (OpenBrowserWindowApi 1.1) is the supported way
// out, with window.open for hosts that lack it.
export function openExternal(url: string) {
  const ui = typeof Office !== "undefined" ? Office.context?.ui : undefined;
  if (ui && typeof ui.openBrowserWindow === "function") {
    try {
      ui.openBrowserWindow(url);
      return;
    } catch {
      // Not supported by this host after all.
    }
  }
  window.open(url, "_blank", "noopener,noreferrer");
}
