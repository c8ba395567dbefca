// Runs once when the server starts. On Node.js it validates the environment
// (lib/observability/startup-check.ts); the Edge runtime has nothing to check.
export async function register() {
  // biome-ignore lint/style/noProcessEnv: Next.js sets NEXT_RUNTIME per runtime and replaces it at build time; lib/env.ts cannot load on the Edge
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkStartup } = await import("./lib/observability/startup-check");
    await checkStartup();
  }
}
