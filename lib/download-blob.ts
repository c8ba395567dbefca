// Saving a file the page already holds (an export, an edited workbook) through the browser's
// download, with no server round trip. Used by the dashboard and the task pane alike.

/** Saves `data` as `fileName` through a temporary link. */
export function downloadBlob(data: Blob, fileName: string) {
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: Chromium starts the download from the click, but other hosts (Office's web
  // views among them) may read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
