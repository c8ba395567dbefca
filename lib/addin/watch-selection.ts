// Calls `onChange` when the user selects other cells (debounced: dragging a selection fires
// many events). Returns a function that stops watching.
export function watchSelection(onChange: () => void, debounceMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handler = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  let active = true;
  Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, handler, (result) => {
    if (result.status !== Office.AsyncResultStatus.Succeeded) active = false;
  });
  return () => {
    clearTimeout(timer);
    if (active) Office.context.document.removeHandlerAsync(Office.EventType.DocumentSelectionChanged, { handler });
  };
}
