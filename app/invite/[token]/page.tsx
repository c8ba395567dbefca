// An invite link: signed in, the visitor joins the workspace with one click (the token is used
// then, not on opening the page, so a link preview cannot spend it); signed out, they sign in
// or sign up first and come back here.
import type { Metadata } from "next";
import { AcceptInvite } from "@/components/workspaces/accept-invite";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Join a workspace", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser(`/invite/${encodeURIComponent(token)}`);
  return (
    <main id="main-content" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-semibold tracking-tight">Join a workspace</h1>
      <p className="text-sm text-muted-foreground">
        You were invited to a team workspace. Its members will see the conversations you start in it; your personal space stays yours. You
        join as {user.email}.
      </p>
      <AcceptInvite token={token} />
    </main>
  );
}
