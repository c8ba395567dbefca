// What a model call costs, from a price table in code (every model call writes a usage_records row
// with its cost; cached and offline answers cost 0). Prices are US dollars per 1M tokens as
// published by the vendors; costs are stored in micro-dollars (1 USD = 1,000,000) so sums stay
// exact integers.
//
// Azure deployments are named by the customer, so a deployment id is matched to a model by
// prefix after normalising (`gpt-4o-mini-2024-07-18`, `prod-gpt-4o` → longest known name it
// contains). A model we do not know is priced at DEFAULT_PRICE, deliberately at the high end of
// current models, so an unknown deployment is over- rather than under-reported in usage and cost.
// The offline analyst and the mock model do not call any vendor and cost 0.

export interface ModelPrice {
  /** USD per 1M input (prompt) tokens. */
  inputPerMillion: number;
  /** USD per 1M output (completion) tokens. */
  outputPerMillion: number;
}

const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4.1": { inputPerMillion: 2.0, outputPerMillion: 8.0 },
  "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10.0 },
  "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "gpt-4-turbo": { inputPerMillion: 10.0, outputPerMillion: 30.0 },
  "gpt-4": { inputPerMillion: 30.0, outputPerMillion: 60.0 },
  "gpt-35-turbo": { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  "gpt-3.5-turbo": { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  "gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10.0 },
  "gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2.0 },
  "gpt-5-nano": { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  o1: { inputPerMillion: 15.0, outputPerMillion: 60.0 },
  "o1-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  o3: { inputPerMillion: 2.0, outputPerMillion: 8.0 },
  "o3-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  "o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
};

/** Unknown models: priced like a large current model (gpt-4o) so cost is never under-reported. */
export const DEFAULT_PRICE: ModelPrice = { inputPerMillion: 2.5, outputPerMillion: 10.0 };

/** Providers that never reach a paid API. */
const FREE_PROVIDERS = new Set(["offline", "mock"]);

/** Known model names, longest first, so `gpt-4o-mini` wins over `gpt-4o` and `gpt-4`. */
const NAMES_BY_LENGTH = Object.keys(MODEL_PRICES).sort((a, b) => b.length - a.length);

export interface PriceLookup {
  price: ModelPrice;
  /** The table entry used, or null when DEFAULT_PRICE applied (or the provider is free). */
  matched: string | null;
}

/** The price of a model id (or Azure deployment name); free for the offline analyst and mock. */
export function priceFor(model: string, provider?: string): PriceLookup {
  if (provider && FREE_PROVIDERS.has(provider)) return { price: { inputPerMillion: 0, outputPerMillion: 0 }, matched: provider };
  const id = model.trim().toLowerCase();
  if (MODEL_PRICES[id]) return { price: MODEL_PRICES[id], matched: id };
  for (const name of NAMES_BY_LENGTH) {
    // Match whole name segments only: `gpt-4o` must not match inside `gpt-4o1x`.
    const index = id.indexOf(name);
    if (index < 0) continue;
    const before = index === 0 ? "" : id[index - 1];
    const after = id[index + name.length] ?? "";
    if ((before === "" || /[^a-z0-9.]/.test(before)) && (after === "" || /[^a-z0-9.]/.test(after))) {
      return { price: MODEL_PRICES[name], matched: name };
    }
  }
  return { price: DEFAULT_PRICE, matched: null };
}

/** Cost of one call in micro-dollars, rounded up so a non-zero call never records 0. */
export function costMicros(input: { model: string; provider?: string; inputTokens: number; outputTokens: number }): number {
  const { price } = priceFor(input.model, input.provider);
  const inputTokens = Math.max(0, input.inputTokens || 0);
  const outputTokens = Math.max(0, input.outputTokens || 0);
  // USD per 1M tokens × tokens = micro-dollars exactly (1e6 / 1e6).
  const micros = inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion;
  return micros <= 0 ? 0 : Math.ceil(micros - 1e-9);
}
