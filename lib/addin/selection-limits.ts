// How much of a selection the task pane reads and sends. Excel on the web caps one request
// (one context.sync) at about 5 MB and a workbook at 5,000,000 cells per range operation, so
// reads are chunked; a selection over the raw-send cap is summarized rather than refused.

/** Most cells sent as-is; larger selections are sampled (header + rows spread over the range). */
export const RAW_CELL_CAP = 50_000;
/**
 * Cells per load: each load asks for values, formulas and number formats, three grids, so
 * 30,000 cells stays well under the ~5 MB per-request limit even with long strings.
 */
export const READ_CHUNK_CELLS = 30_000;
/**
 * Cells per load when a large selection is read whole: values and number formats only (formulas
 * just where needed), two grids instead of three, so half as many cells again fit one request.
 */
export const LARGE_READ_CHUNK_CELLS = 45_000;
/**
 * The most a large selection's context (analysis of every cell + sample rows) may weigh as JSON:
 * the whole chat body, question and history included, stays under 256 KB.
 */
export const LARGE_CONTEXT_BYTES = 200_000;
/**
 * Largest selection the pane reads in full to analyse every cell (Excel's own limit for one
 * range operation); above it only a sample is sent, and the answer says so.
 */
export const WHOLE_ANALYSIS_MAX_CELLS = 5_000_000;
/** A sampled selection sends at most this many data rows per area (plus its header row). */
export const SAMPLE_ROWS = 400;
/** …and at most this many columns; the declared columnCount still says how wide it is. */
export const SAMPLE_COLUMNS = 200;
