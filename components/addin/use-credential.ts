"use client";

// The pane's credential as React state, persisted to localStorage, plus the authorized fetch
// that reads it on every call (so a refreshed token is used at once, without a re-render).
import { useEffect, useMemo, useRef, useState } from "react";
import { createAuthorizedFetch, type CredentialHolder } from "@/lib/addin/auth/authorized-fetch";
import { loadCredential, saveCredential, type Credential } from "@/lib/addin/auth/credential";

export function useCredential() {
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
  const authorizedFetch = useMemo(() => createAuthorizedFetch(holder), [holder]);
  return { credential, setCredential: holder.set, authorizedFetch };
}
