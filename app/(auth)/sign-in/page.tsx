import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { nextFromSearchParams } from "@/components/auth/next-from-search-params";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = await nextFromSearchParams(searchParams);
  // Already signed in: nothing to do here.
  if (await getCurrentUser()) redirect(next);
  return (
    <AuthCard title="Sign in" description="Welcome back. Sign in to your dashboard and the Excel add-in.">
      <SignInForm next={next} />
    </AuthCard>
  );
}
