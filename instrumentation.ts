// Validates the environment once at server start: a malformed variable stops start-up with a
// message that names it, instead of failing on the first request that needs it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { env, runtimeModes } = await import("./lib/env");
    const modes = runtimeModes(env);
    console.log(
      `[startup] database=${modes.database} auth=${modes.auth} kv=${modes.kv} ai=${Array.isArray(modes.ai) ? modes.ai.join(">") : modes.ai} billing=${modes.billing}`,
    );
  } catch (error) {
    console.error(`[startup] ${(error as Error).message}`);
    process.exit(1);
  }
}
