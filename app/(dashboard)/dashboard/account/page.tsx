import type { Metadata } from "next";
import { Suspense } from "react";
import { ChangePassword } from "@/components/account/change-password";
import { DeleteAccount } from "@/components/account/delete-account";
import { ExportData } from "@/components/account/export-data";
import { AuditLog, AuditLogSkeleton } from "@/components/dashboard/audit-log";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/dashboard/account");
  return (
    <>
      <PageHeader title="Account" description="Your sign-in and your data." />
      <dl className="grid gap-1 rounded-xl border p-4 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-muted-foreground">Email</dt>
        <dd className="min-w-0 font-medium break-all">{user.email}</dd>
      </dl>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>Change password</h2>
          </CardTitle>
          <CardDescription>
            Type your current password, then the new one. Every other device signed in to your account is signed out.
            Forgot it? Sign out, then choose “Forgot password?” on the sign-in page.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePassword />
        </CardContent>
      </Card>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>Export your data</h2>
          </CardTitle>
          <CardDescription>
            One JSON file with your profile and settings, conversations and messages, API keys (names and prefixes, never
            the keys), usage records, billing state and security activity.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ExportData />
        </CardContent>
      </Card>

      <Card className="gap-4 border-destructive/40">
        <CardHeader>
          <CardTitle>
            <h2>Delete your account</h2>
          </CardTitle>
          <CardDescription>
            Removes your account and all of its data from this service. Export first if you want to keep a copy.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteAccount email={user.email} />
        </CardContent>
      </Card>

      <Suspense fallback={<AuditLogSkeleton />}>
        <AuditLog claims={user.claims} />
      </Suspense>
    </>
  );
}
