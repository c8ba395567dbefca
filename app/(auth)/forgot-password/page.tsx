import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { nextFromSearchParams } from "@/components/auth/next-from-search-params";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = await nextFromSearchParams(Promise.resolve(params));
  // Opened from the add-in's sign-in dialog: "Back to sign in" returns there.
  const signInHref = params.from === "addin" ? "/addin/sign-in" : next === "/dashboard" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
  return (
    <AuthCard title="Forgot your password?" description="Type the email you sign in with. We will send you a link to choose a new password.">
      <ForgotPasswordForm signInHref={signInHref} />
    </AuthCard>
  );
}
