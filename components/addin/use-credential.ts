"use client";

// The pane's credential as React state, persisted to localStorage, plus the authorized fetch
// that reads it on every call (so a refreshed token is used at once, without a re-render).
// `microsoftClientId`: set when the server accepts Microsoft sign-in; a Microsoft token is then
// renewed silently the way it was obtained.
import { useEffect, useMemo, useRef, useState } from "react";
import { createAuthorizedFetch, type CredentialHolder, type RenewMicrosoft } from "@/lib/addin/auth/authorized-fetch";
import { loadCredential, microsoftCredential, saveCredential, type Credential } from "@/lib/addin/auth/credential";
import { signInWithMicrosoft } from "@/lib/addin/auth/microsoft-sign-in";

export function useCredential(microsoftClientId: string | null = null) {
  /** undefined until localStorage has been read (it does not exist during server rendering). */
  const [credential, setCredentialState] = useState<Credential | null | undefined>(undefined);
  const current = useRef<Credential | null>(null);

  useEffect(() => {
    current.current = loadCredential();
    setCredentialState(current.current);
  }, []);

  const holder = useMemo<CredentialHolder>(
    () => ({
      get: () => current.current,
      set: (next) => {
        current.current = next;
        saveCredential(next);
        setCredentialState(next);
      },
    }),
    [],
  );
  const authorizedFetch = useMemo(() => {
    const renew: RenewMicrosoft = async (current) =>
      microsoftClientId ? microsoftCredential(await signInWithMicrosoft(microsoftClientId, { interactive: false, only: current.via })) : null;
    return createAuthorizedFetch(holder, undefined, renew);
  }, [holder, microsoftClientId]);
  return { credential, setCredential: holder.set, authorizedFetch };
}
