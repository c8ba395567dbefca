import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { nextFromSearchParams } from "@/components/auth/next-from-search-params";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = await nextFromSearchParams(searchParams);
  if (await getCurrentUser()) redirect(next);
  return (
    <AuthCard title="Create your account" description={`The free plan includes ${ENTITLEMENTS.free.requestsPerDay} chats a day. No card needed.`}>
      <SignUpForm next={next} />
    </AuthCard>
  );
}
