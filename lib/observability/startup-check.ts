// The Node.js half of instrumentation.ts: validates the environment once at server start, so a
// malformed variable stops start-up with a message that names it, instead of failing on the first
// request that needs it. Kept apart so the Edge build of instrumentation.ts never sees Node APIs.
export async function checkStartup() {
  try {
    const { env, runtimeModes } = await import("@/lib/env");
    const modes = runtimeModes(env);
    const clientAddress = env.VERCEL ? "vercel" : env.TRUST_PROXY > 0 ? `proxy-hops:${env.TRUST_PROXY}` : "none";
    console.log(
      `[startup] database=${modes.database} auth=${modes.auth} kv=${modes.kv} ai=${Array.isArray(modes.ai) ? modes.ai.join(">") : modes.ai} billing=${modes.billing} client-address=${clientAddress}`,
    );
    if (clientAddress === "none" && env.NODE_ENV === "production") {
      console.warn(
        "[startup] TRUST_PROXY is 0: no proxy header is believed, so clients cannot be told apart by address and share one per-address limit. Behind a reverse proxy, set TRUST_PROXY to the number of proxies in front of the app.",
      );
    }
  } catch (error) {
    console.error(`[startup] ${(error as Error).message}`);
    process.exit(1);
  }
}
