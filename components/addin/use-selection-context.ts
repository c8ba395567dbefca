"use client";

// The current Excel selection as the chat will send it: read when the pane opens and again
// whenever the user selects other cells, with the preview of what the model will see.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SelectionRead } from "@/lib/addin/context-payload";
import { readSelection } from "@/lib/addin/read-selection";
import { previewSelection, type SelectionPreview } from "@/lib/addin/selection-preview";
import { watchSelection } from "@/lib/addin/watch-selection";

/** The chat route accepts 4 MB bodies; the selection keeps well under that with the conversation. */
const MAX_PAYLOAD_BYTES = 3_000_000;

export type SelectionState =
  | { status: "idle" }
  | { status: "reading"; previous: { read: SelectionRead; preview: SelectionPreview } | null }
  | { status: "ready"; read: SelectionRead; preview: SelectionPreview }
  | { status: "error"; message: string };

async function readWithinBudget(): Promise<{ read: SelectionRead; preview: SelectionPreview }> {
  let read = await readSelection();
  let preview = previewSelection(read.payload);
  // Long text cells can make even a capped selection too big to post: send a sample instead.
  if (preview.payloadBytes > MAX_PAYLOAD_BYTES && !read.summary.sampled) {
    read = await readSelection({ maxCells: 0 });
    preview = previewSelection(read.payload);
  }
  return { read, preview };
}

export function useSelectionContext(enabled: boolean) {
  const [state, setState] = useState<SelectionState>({ status: "idle" });
  const sequence = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++sequence.current;
    setState((prev) => ({ status: "reading", previous: prev.status === "ready" ? { read: prev.read, preview: prev.preview } : prev.status === "reading" ? prev.previous : null }));
    try {
      const result = await readWithinBudget();
      if (mine === sequence.current) setState({ status: "ready", ...result });
    } catch (error) {
      if (mine === sequence.current) setState({ status: "error", message: error instanceof Error ? error.message : "The selection could not be read." });
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    void refresh();
    return watchSelection(() => void refresh());
  }, [enabled, refresh]);

  return { state, refresh };
}
