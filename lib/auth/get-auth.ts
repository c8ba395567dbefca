// Chooses the auth adapter from the environment: the one place that decides.
import "server-only";
import { runtimeModes } from "@/lib/env";
import type { AuthAdapter } from "./auth-adapter";
import { localAuth } from "./adapters/local-auth";
import { supabaseAuth } from "./adapters/supabase-auth";

export function getAuth(): AuthAdapter {
  return runtimeModes().auth === "supabase" ? supabaseAuth : localAuth;
}
