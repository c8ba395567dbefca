"use client";

import { useState } from "react";
import { ExternalLink, LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/auth/form-error";
import { requestStripeUrl, type StripeRedirect } from "./billing-client";

/**
 * Asks the server for a Stripe Checkout or Billing Portal session and sends the browser there.
 * Stays disabled until the navigation happens, so a double click cannot open two sessions.
 */
export function StripeRedirectButton({
  target,
  children,
  variant = "default",
}: {
  target: StripeRedirect;
  children: React.ReactNode;
  variant?: "default" | "outline";
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = `stripe-redirect-error-${target.kind === "checkout" ? target.plan : "portal"}`;

  async function onClick() {
    setPending(true);
    setError(null);
    const result = await requestStripeUrl(target);
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      return;
    }
    window.location.assign(result.data.url);
  }

  return (
    <div className="flex flex-col gap-2">
      <Button type="button" variant={variant} onClick={onClick} disabled={pending} aria-describedby={errorId}>
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <ExternalLink aria-hidden="true" />}
        {children}
      </Button>
      <FormError id={errorId} message={error} />
    </div>
  );
}
