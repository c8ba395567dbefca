"use client";

// The current Excel selection as the chat will send it: read when the pane opens and again
// whenever the user selects other cells, with the preview of what the model will see.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SelectionRead } from "@/lib/addin/context-payload";
import { readSelection, type ReadSelectionOptions } from "@/lib/addin/read-selection";
import { previewSelection, type SelectionPreview } from "@/lib/addin/selection-preview";
import { watchSelection } from "@/lib/addin/watch-selection";

/** The chat route accepts 4 MB bodies; the selection keeps well under that with the conversation. */
const MAX_PAYLOAD_BYTES = 3_000_000;

/** Cells read so far of a large selection being analysed in full. */
export interface ReadProgress {
  done: number;
  total: number;
}

export type SelectionState =
  | { status: "idle" }
  | { status: "reading"; previous: { read: SelectionRead; preview: SelectionPreview } | null; progress?: ReadProgress }
  | { status: "ready"; read: SelectionRead; preview: SelectionPreview }
  | { status: "error"; message: string };

async function readWithinBudget(options: ReadSelectionOptions): Promise<{ read: SelectionRead; preview: SelectionPreview }> {
  let read = await readSelection(options);
  let preview = previewSelection(read.payload);
  // Long text cells can make even a capped selection too big to post: send a sample instead.
  if (preview.payloadBytes > MAX_PAYLOAD_BYTES && !read.summary.sampled) {
    read = await readSelection({ ...options, maxCells: 0 });
    preview = previewSelection(read.payload);
  }
  return { read, preview };
}

/** Progress is reported at most this often (a re-render per chunk would slow the read). */
const PROGRESS_INTERVAL_MS = 100;

export function useSelectionContext(enabled: boolean) {
  const [state, setState] = useState<SelectionState>({ status: "idle" });
  const sequence = useRef(0);
  const reading = useRef<AbortController | null>(null);

  const refresh = useCallback(async (options: { wholeAnalysis?: boolean } = {}) => {
    const mine = ++sequence.current;
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    setState((prev) => ({ status: "reading", previous: prev.status === "ready" ? { read: prev.read, preview: prev.preview } : prev.status === "reading" ? prev.previous : null }));
    let lastProgress = 0;
    const onProgress = (done: number, total: number) => {
      const now = Date.now();
      if (mine !== sequence.current || (now - lastProgress < PROGRESS_INTERVAL_MS && done < total)) return;
      lastProgress = now;
      setState((prev) => (prev.status === "reading" ? { ...prev, progress: { done, total } } : prev));
    };
    try {
      const result = await readWithinBudget({ wholeAnalysis: options.wholeAnalysis, onProgress, signal: controller.signal });
      if (mine === sequence.current) setState({ status: "ready", ...result });
    } catch (error) {
      if (mine !== sequence.current) return;
      setState({ status: "error", message: error instanceof Error ? error.message : "The selection could not be read." });
    } finally {
      if (reading.current === controller) reading.current = null;
    }
  }, []);

  /**
   * Stops analysing every cell of a large selection; a sample of its rows is read instead, and
   * the answer says its figures come from that sample.
   */
  const cancel = useCallback(() => {
    void refresh({ wholeAnalysis: false });
  }, [refresh]);

  useEffect(() => {
    if (!enabled) return;
    void refresh();
    return watchSelection(() => void refresh());
  }, [enabled, refresh]);

  return { state, refresh, cancel };
}
