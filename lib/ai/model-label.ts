// How a model is named to the people using it: the model's own name, or plain words for the
// built-in answerers. Vendor names, provider ids and adapter names ("mock", "compatible") are
// operator details; they stay on the health page and in the logs. Pure, so the dashboard, the
// pane and the server name a model the same way.

/** The label for the model that answered (or may answer): `provider` as usage records store it. */
export function modelLabel(provider: string | null | undefined, modelId: string | null | undefined): string {
  if (provider === "offline") return "Offline analyst (no AI model)";
  if (provider === "mock" || modelId === "mock-model") return "Demo model (does not read your data)";
  return modelId?.trim() || "AI model";
}
