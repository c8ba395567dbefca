// The task pane Excel opens from the ribbon (manifest: Taskpane.Url). Everything in it talks to
// Excel through Office.js in the browser, so the page is a client app.
import type { Metadata } from "next";
import { TaskpaneApp } from "@/components/addin/taskpane-app";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Assistant" };

export default function TaskpanePage() {
  return (
    <main id="main-content" className="flex h-dvh flex-col">
      {/* The client id is public (it is in the manifest too); it tells the pane to try Microsoft sign-in. */}
      <TaskpaneApp microsoftClientId={env.ENTRA_CLIENT_ID ?? null} />
    </main>
  );
}
