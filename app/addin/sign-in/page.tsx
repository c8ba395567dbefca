// Opened by the task pane in an Office dialog (displayDialogAsync): sign in with email and
// password, then hand the session back to the pane with messageParent.
import type { Metadata } from "next";
import { BrandMark } from "@/components/marketing/brand-mark";
import { DialogSignIn } from "@/components/addin/dialog-sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default function AddinSignInPage() {
  return (
    <main id="main-content" className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 p-6">
      <div className="flex flex-col items-center gap-2 text-center">
        <BrandMark />
        <h1 className="text-xl font-semibold tracking-tight">Sign in to the Excel add-in</h1>
        <p className="text-sm text-muted-foreground">Your session is handed to the task pane; this window then closes.</p>
      </div>
      <DialogSignIn />
    </main>
  );
}
