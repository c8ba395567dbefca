// The security headers of every response (docs/security.md). Static ones live in `BASELINE_HEADERS`
// and are sent by next.config.ts `headers()`, which covers responses proxy.ts never sees (static
// assets, the manifest). The Content-Security-Policy carries a per-request nonce, so proxy.ts
// builds it with `contentSecurityPolicy()`.
//
// No imports on purpose: next.config.ts loads this file before the app's aliases exist.

/** Which policy a path gets: the add-in is framed by Office, the API answers JSON, pages neither. */
export type Surface = "page" | "addin" | "api";

export function surfaceOf(pathname: string): Surface {
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  if (pathname === "/addin" || pathname.startsWith("/addin/")) return "addin";
  return "page";
}

/**
 * Office on the web frames the task pane: the add-in iframe sits inside an Office Online frame
 * (*.officeapps.live.com) inside the document's host page: SharePoint / OneDrive for Business
 * (*.sharepoint.com), consumer OneDrive (onedrive.live.com), office.com / Microsoft 365
 * (*.office.com, *.office365.com, and the newer *.cloud.microsoft such as excel.cloud.microsoft),
 * Teams, or Outlook on the web. `frame-ancestors` checks every ancestor, so each host page must
 * be listed. Desktop Excel hosts the pane top-level in WebView2/WKWebView, where the directive
 * does not apply. 'self' lets our own pages (the fake Office host of the e2e tests) embed it.
 */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  "https://*.officeapps.live.com",
  "https://onedrive.live.com",
  "https://*.sharepoint.com",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.cloud.microsoft",
  "https://excel.cloud.microsoft",
  "https://teams.microsoft.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
] as const;

/** office.js comes from Microsoft's CDN (and loads its host-specific parts from there). */
export const OFFICE_SCRIPT_ORIGIN = "https://appsforoffice.microsoft.com";

/**
 * Sent on every response by next.config.ts. HSTS only takes effect over https and is harmless
 * on http://localhost. X-Frame-Options is added for everything but /addin (see next.config.ts):
 * the Office hosts must be able to frame the task pane, and X-Frame-Options cannot list them.
 */
export const BASELINE_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value:
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), browsing-topics=()",
  },
];

export const FRAME_DENY_HEADER = { key: "X-Frame-Options", value: "DENY" } as const;

/** 128 random bits, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface CspOptions {
  surface: Surface;
  /** Required for pages and the add-in; the API's policy allows no scripts at all. */
  nonce?: string;
  /** `next dev` needs 'unsafe-eval' (React rebuilds server error stacks with eval). */
  dev?: boolean;
  /** Served over https: ask the browser to upgrade stray http subresources. */
  secure?: boolean;
  /** Extra origins the browser may fetch from (the Supabase project URL in Supabase mode). */
  connectOrigins?: readonly string[];
}

/**
 * The Content-Security-Policy for one response.
 *
 * - Scripts: only those carrying this request's nonce ('strict-dynamic' lets them load their own
 *   chunks). Next.js puts the nonce on its scripts when it finds it in the request's CSP header.
 *   'self' is ignored by browsers that understand 'strict-dynamic' and kept for older ones.
 * - Styles: 'unsafe-inline'. Radix UI and Recharts position and size elements through `style`
 *   attributes, which a nonce cannot cover; CSS cannot run script, and images/connections are
 *   locked down below, so injected CSS has nowhere to send data.
 * - Images and connections: our own origin (plus data:/blob: for generated charts and downloads).
 *   A link or image the model writes into an answer cannot load from, or leak to, another host.
 * - object-src/base-uri 'none', forms post to us (or Stripe), frame-ancestors per surface.
 * - The API answers JSON: it gets `default-src 'none'`, so a response opened as a document can
 *   do nothing.
 */
export function contentSecurityPolicy(options: CspOptions): string {
  const { surface } = options;
  if (surface === "api") {
    return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  }
  if (!options.nonce) throw new Error("contentSecurityPolicy: pages need a nonce");
  const addin = surface === "addin";
  const script = ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'"];
  if (addin) script.push(OFFICE_SCRIPT_ORIGIN);
  if (options.dev) script.push("'unsafe-eval'");
  const connect = ["'self'", ...(options.connectOrigins ?? [])];
  if (addin) connect.push(OFFICE_SCRIPT_ORIGIN);

  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "worker-src 'self' blob:",
    `frame-src 'self'${addin ? ` ${OFFICE_SCRIPT_ORIGIN}` : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    // Checkout and the billing portal may be reached by a form post that redirects to Stripe.
    "form-action 'self' https://checkout.stripe.com https://billing.stripe.com",
    `frame-ancestors ${addin ? OFFICE_FRAME_ANCESTORS.join(" ") : "'none'"}`,
  ];
  if (options.secure) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
