// The models this deployment offers a user to prefer (settings): one option per configured
// provider, in the server's order, with a label fit to show and nothing else (no keys, no base
// URLs, no vendor ids). The same list decides which preference the settings route accepts, so a
// user can only choose what the chain can serve.
import { modelLabel } from "@/lib/ai/model-label";
import { getProviderChain } from "./get-provider-chain";
import type { ProviderChain } from "./provider-types";

export interface ModelOption {
  /** What is stored as the preference: the model id, or the provider's name when two providers serve the same model id. */
  value: string;
  label: string;
}

export function modelOptions(chain: ProviderChain = getProviderChain()): ModelOption[] {
  const counts = new Map<string, number>();
  for (const provider of chain.providers) counts.set(provider.modelId.toLowerCase(), (counts.get(provider.modelId.toLowerCase()) ?? 0) + 1);
  return chain.providers.map((provider, index) => {
    const shared = (counts.get(provider.modelId.toLowerCase()) ?? 0) > 1;
    const label = modelLabel(provider.name, provider.modelId);
    return shared ? { value: provider.name, label: `${label} (option ${index + 1})` } : { value: provider.modelId, label };
  });
}

/**
 * The stored form of a requested preference: null (the server's order) or one of the offered
 * values, matched without regard to case. Anything else is null with `offered` saying what is.
 */
export function matchModelOption(requested: string, options: ModelOption[]): ModelOption | null {
  const wanted = requested.trim().toLowerCase();
  return options.find((option) => option.value.toLowerCase() === wanted) ?? null;
}

/**
 * The same options, each saying whether a workspace whose allowed-providers policy is `allowed`
 * (null: any provider) may use it; the provider names themselves stay on the server.
 */
export function modelOptionsAllowed(allowed: readonly string[] | null, chain: ProviderChain = getProviderChain()): (ModelOption & { allowed: boolean })[] {
  return modelOptions(chain).map((option, index) => ({ ...option, allowed: allowed === null || allowed.includes(chain.providers[index].name) }));
}
