// The Node.js half of instrumentation.ts: validates the environment once at server start, so a
// malformed variable stops start-up with a message that names it, instead of failing on the first
// request that needs it. Kept apart so the Edge build of instrumentation.ts never sees Node APIs.
export async function checkStartup() {
  try {
    const { env, runtimeModes } = await import("@/lib/env");
    const modes = runtimeModes(env);
    console.log(
      `[startup] database=${modes.database} auth=${modes.auth} kv=${modes.kv} ai=${Array.isArray(modes.ai) ? modes.ai.join(">") : modes.ai} billing=${modes.billing}`,
    );
  } catch (error) {
    console.error(`[startup] ${(error as Error).message}`);
    process.exit(1);
  }
}
