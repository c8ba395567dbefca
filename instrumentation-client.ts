// Runs in the browser before the app's code. zod (ours, and the AI SDK's) probes once whether
// `new Function` works, to compile faster parsers. Our Content-Security-Policy has no
// 'unsafe-eval', so the probe is refused: harmless (zod falls back), but every page that parses
// would log a CSP violation. Parsing in the browser is small; opting out of the JIT skips the probe.
//
// zod keeps its configuration on `globalThis.__zod_globalConfig` and adopts an existing object,
// so setting the flag here costs no zod code in every page's bundle
// (tests/unit/security/zod-jitless.test.ts fails if zod stops reading it).
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;

export {};
