// What each Stripe subscription status means to the user, and what to do about it.
export interface StatusCopy {
  label: string;
  tone: "good" | "neutral" | "bad";
  /** One sentence for statuses that need the user to act or explain a downgrade. */
  explanation?: string;
}

const COPY: Record<string, StatusCopy> = {
  active: { label: "Active", tone: "good" },
  trialing: { label: "Trial", tone: "good" },
  past_due: {
    label: "Payment failed",
    tone: "bad",
    explanation: "The last payment did not go through, so your account is on the free plan's limits until it does. Update the payment method in the billing portal.",
  },
  unpaid: {
    label: "Unpaid",
    tone: "bad",
    explanation: "Payments have failed repeatedly, so your account is on the free plan's limits. Pay the open invoice in the billing portal to restore your plan.",
  },
  incomplete: {
    label: "Awaiting payment",
    tone: "neutral",
    explanation: "The first payment has not completed yet. Your plan starts as soon as it does.",
  },
  incomplete_expired: {
    label: "Expired",
    tone: "neutral",
    explanation: "The first payment was not completed in time, so the subscription never started.",
  },
  paused: {
    label: "Paused",
    tone: "neutral",
    explanation: "The subscription is paused, so your account is on the free plan's limits until it resumes.",
  },
  canceled: { label: "Canceled", tone: "neutral", explanation: "The subscription has ended; your account is on the free plan." },
};

export function statusCopy(status: string): StatusCopy {
  return COPY[status] ?? { label: status.replace(/_/g, " "), tone: "neutral" };
}
