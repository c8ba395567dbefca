// Opens a page in the user's browser. Inside Office the task pane is a sandboxed web view where
// window.open is unreliable; openBrowserWindow is the supported way out.
export function openExternal(url: string) {
  const office = typeof Office !== "undefined" ? Office : undefined;
  if (office?.context?.ui && typeof office.context.ui.openBrowserWindow === "function") {
    office.context.ui.openBrowserWindow(url);
    return;
  }
  window.open(url, "_blank", "noopener,noreferrer");
}
