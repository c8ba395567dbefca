// Getting the add-in into Excel: whether this account's add-in has reported in yet, the
// manifest in one click (with a plain warning when this address is not https, which Office
// refuses), loading it into each Excel, rolling it out as a Microsoft 365 admin, and signing in.
import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { AdminDeploySteps } from "@/components/connect/admin-deploy-steps";
import { ConnectionStatus } from "@/components/connect/connection-status";
import { HttpsNotice } from "@/components/connect/https-notice";
import { ManifestUrl } from "@/components/connect/manifest-url";
import { SideloadSteps } from "@/components/connect/sideload-steps";
import { PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Get the add-in" };

export default async function ConnectPage() {
  const user = await requireUser("/dashboard/connect");
  return (
    <>
      <PageHeader title="Get the Excel add-in" description="Put the assistant's task pane in Excel and sign it in." />
      <ConnectionStatus claims={user.claims} />

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>1. Download the manifest</h2>
          </CardTitle>
          <CardDescription>
            The manifest is a small file that tells Excel where to find the assistant. It is made for the address you are
            using now.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <HttpsNotice />
          <ManifestUrl />
        </CardContent>
      </Card>

      <section aria-labelledby="sideload-title" className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <h2 id="sideload-title" className="font-semibold">
            2. Load it into Excel
          </h2>
          <p className="text-sm text-muted-foreground">
            These steps install the add-in for you only. To give it to everyone in an organisation, see the
            administrator steps below.
          </p>
        </div>
        <SideloadSteps />
      </section>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>3. Sign in from Excel</h2>
          </CardTitle>
          <CardDescription>
            Open the task pane (<strong>Home › Ask AI</strong>) and choose <strong>Sign in</strong>: a window opens on this
            site for your email and password. On a shared or locked-down machine, paste an API key into the task pane
            instead. Once signed in, the pane reports in and the status at the top of this page says{" "}
            <strong>Connected</strong>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline">
            <Link href="/dashboard/keys">
              <KeyRound aria-hidden="true" />
              Create an API key
            </Link>
          </Button>
        </CardContent>
      </Card>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>For Microsoft 365 administrators: deploy to your organisation</h2>
          </CardTitle>
          <CardDescription>
            Centralized deployment installs the add-in for the people you choose, with nothing for them to download.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AdminDeploySteps />
        </CardContent>
      </Card>
    </>
  );
}
