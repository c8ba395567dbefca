import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { ManifestUrl } from "@/components/connect/manifest-url";
import { SideloadSteps } from "@/components/connect/sideload-steps";
import { PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Connect add-in" };

export default async function ConnectPage() {
  await requireUser("/dashboard/connect");
  return (
    <>
      <PageHeader title="Connect the Excel add-in" description="Put the assistant's task pane in Excel and sign it in." />
      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>1. The manifest</h2>
          </CardTitle>
          <CardDescription>
            The manifest tells Excel where this deployment serves the task pane. It is built for the address you are using
            now.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ManifestUrl />
        </CardContent>
      </Card>

      <section aria-labelledby="sideload-title" className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <h2 id="sideload-title" className="font-semibold">
            2. Load it into Excel
          </h2>
          <p className="text-sm text-muted-foreground">
            Sideloading installs the add-in for you only. To roll it out to an organisation, an administrator can deploy the
            same manifest from the Microsoft 365 admin center (Settings › Integrated apps).
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
            Open the task pane and choose <strong>Sign in</strong>: a window opens on this site for your email and
            password. On a shared or locked-down machine, paste an API key into the task pane instead.
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
    </>
  );
}
