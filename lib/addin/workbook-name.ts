// The workbook's file name from Office.context.document.url, which is a local path on Windows
// and Mac and an https URL (sometimes with a query) on the web. Conversations are tagged with it.

export function workbookNameFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path = url;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    // A local path, not a URL.
  }
  const base = path.split(/[\\/]/).filter(Boolean).pop();
  return base ? base.slice(0, 255) : null;
}
