"use client";

// Registers =AI.ASK, =AI.CLASSIFY and =AI.EXTRACT in the pane's shared runtime (the manifest
// runs the task pane and the functions in one runtime), once, when Excel provides
// CustomFunctions. Calls go out with the pane's current credential, in the space the pane works
// in (the workspace chosen in its switcher, or the personal space); signed out, a cell says to
// sign in. Results the session remembers are kept per space, and dropped when someone else signs
// in.
import { useEffect, useRef } from "react";
import type { Fetcher } from "@/lib/addin/api-client";
import type { Credential } from "@/lib/addin/auth/credential";
import { FunctionBatcher } from "@/lib/addin/functions/function-batcher";
import { registerCustomFunctions, type CustomFunctionsApi } from "@/lib/addin/functions/custom-functions";

const SIGN_IN_FIRST = "Sign in to the AI Assistant pane (Home > Ask AI) to use AI functions. Guests cannot use them.";

function signedInAs(credential: Credential | null | undefined): string | null {
  if (credential?.kind === "session") return `session:${credential.user.id}`;
  if (credential?.kind === "api_key") return `key:${credential.apiKey.slice(0, 12)}`;
  return null;
}

export function useCustomFunctions(inExcel: boolean, credential: Credential | null | undefined, authorizedFetch: Fetcher, workspaceId: string | null) {
  const state = useRef({ who: signedInAs(credential), fetch: authorizedFetch, workspaceId });
  state.current.fetch = authorizedFetch;
  state.current.workspaceId = workspaceId;
  const batcher = useRef<FunctionBatcher | null>(null);

  const who = signedInAs(credential);
  useEffect(() => {
    if (state.current.who !== who) batcher.current?.clear();
    state.current.who = who;
  }, [who]);

  useEffect(() => {
    const api = (globalThis as { CustomFunctions?: CustomFunctionsApi }).CustomFunctions;
    if (!inExcel || batcher.current || !api) return;
    batcher.current = new FunctionBatcher({
      fetcher: async (input, init) => {
        if (!state.current.who) return Response.json({ error: { code: "unauthorized", message: SIGN_IN_FIRST } }, { status: 401 });
        return state.current.fetch(input, init);
      },
      workspace: () => state.current.workspaceId,
    });
    registerCustomFunctions(api, batcher.current);
  }, [inExcel]);
}
