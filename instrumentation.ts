// Runs once when the server starts. On Node.js it validates the environment
// (lib/observability/startup-check.ts); the Edge runtime has nothing to check.
export async function register() {
  // biome-ignore lint/style/noProcessEnv: Next.js inlines NEXT_RUNTIME at build time, so the Edge bundle drops the Node-only import below
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkStartup } = await import("./lib/observability/startup-check");
    await checkStartup();
  }
}
