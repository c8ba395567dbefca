// SheetJS in the page, loaded on demand. The page never reads an upload with it (the parse
// worker does); it needs it only to render number formats (`$#,##0.00`, dates) of cells whose
// display text an edit removed, and to save the edited copy. It is about 1 MB of script, so it
// stays out of the page's first load: the playground loads it while the first file is parsed.
type SheetJs = typeof import("xlsx");

let loaded: SheetJs | null = null;
let loading: Promise<SheetJs> | null = null;

export function loadSheetJs(): Promise<SheetJs> {
  loading ??= import("xlsx").then(
    (module) => (loaded = module),
    (error: unknown) => {
      // A failed chunk download (offline for a moment) must not stick: the next call tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The module when it has finished loading, for synchronous callers that can do without it. */
export function loadedSheetJs(): SheetJs | null {
  return loaded;
}
