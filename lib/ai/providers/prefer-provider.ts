// A user's preferred model (settings) puts that provider first in their chain; the others stay
// behind it as fallbacks, so a preference never costs an answer. Only models this server is
// configured with can be chosen: a preference for anything else leaves the server's order (the
// server's keys, and its costs, are the operator's choice).
import type { ChainProvider, ProviderChain } from "./provider-types";

/** The configured provider a preference names (its model id, or the provider's name), if any. */
function preferredProvider(chain: ProviderChain, preferred: string | null | undefined): ChainProvider | null {
  const wanted = preferred?.trim().toLowerCase();
  if (!wanted) return null;
  return chain.providers.find((p) => p.modelId.toLowerCase() === wanted) ?? chain.providers.find((p) => p.name.toLowerCase() === wanted) ?? null;
}

export function preferProvider(chain: ProviderChain, preferred: string | null | undefined): ProviderChain {
  const first = preferredProvider(chain, preferred);
  if (!first || chain.providers[0] === first) return chain;
  return { ...chain, providers: [first, ...chain.providers.filter((p) => p !== first)] };
}
