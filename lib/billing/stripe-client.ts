// The one Stripe client, built from the environment. STRIPE_API_BASE_URL points it somewhere
// other than api.stripe.com (a local fake of the Stripe API in tests, stripe-mock in CI).
import "server-only";
import Stripe from "stripe";
import { env, type Env } from "@/lib/env";
import { billingNotConfigured } from "./billing-mode";

let client: Stripe | undefined;

/** host/port/protocol for stripe-node from a base URL such as http://127.0.0.1:12111. */
function stripeConnectionConfig(baseUrl: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!baseUrl) return {};
  const url = new URL(baseUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

function createStripeClient(source: Env = env): Stripe {
  if (!source.STRIPE_SECRET_KEY) throw billingNotConfigured();
  return new Stripe(source.STRIPE_SECRET_KEY, {
    ...stripeConnectionConfig(source.STRIPE_API_BASE_URL),
    // A webhook delivery and a user clicking "Upgrade" both wait on this: fail within seconds
    // and let Stripe's own retry (webhooks) or the user (checkout) try again.
    timeout: 10_000,
    maxNetworkRetries: 2,
    appInfo: { name: "excel-ai-assistant" },
  });
}

/** The process-wide client; throws the "billing is not configured" error when billing is off. */
export function getStripe(): Stripe {
  client ??= createStripeClient();
  return client;
}
