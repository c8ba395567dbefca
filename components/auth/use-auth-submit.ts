"use client";

// Shared submit logic for the sign-in and sign-up forms: post, show the server's message on
// failure, and on success send the browser on to `next`. router.refresh() makes the server
// components render again with the session cookie the response just set.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { postJson } from "./post-json";

export interface AuthFailure {
  message: string;
  reason?: string;
  status: number;
}

export function useAuthSubmit(url: string, next: string) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);

  async function submit(body: Record<string, unknown>) {
    setPending(true);
    setFailure(null);
    const result = await postJson<{ user: { email: string } }>(url, body);
    if (!result.ok) {
      setFailure({ message: result.message, reason: result.reason, status: result.status });
      setPending(false);
      return;
    }
    // Keep the pending state through navigation so the button cannot be pressed twice.
    router.replace(safeNextPath(next));
    router.refresh();
  }

  return { pending, failure, setFailure, submit };
}
