// GET /addin/manifest.xml — the add-in manifest for whichever deployment served it
import { withRoute } from "@/lib/api/with-route";
import { requestOrigin } from "@/lib/api/request-info";
import { buildManifest } from "@/lib/addin/build-manifest";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

/** The origin, if it is a plain scheme://host[:port]; a forged Host header is refused, not echoed. */
function servingOrigin(request: Request): string {
  const origin = requestOrigin(request);
  try {
    const url = new URL(origin);
    const plain = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol === "https:" || url.protocol === "http:") && plain) return url.origin;
  } catch {
    // falls through to the error
  }
  throw new AppError("bad_request", "The request's Host is not a valid host name, so no manifest can be built for it.");
}

export const GET = withRoute({ auth: "none" }, async ({ request }) => {
  return new Response(buildManifest(servingOrigin(request), { entraClientId: env.ENTRA_CLIENT_ID }), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      // The body depends on the Host headers; shared caches must not hand one host's manifest to another.
      Vary: "Host, X-Forwarded-Host, X-Forwarded-Proto",
      "Cache-Control": "public, max-age=300",
      "Content-Disposition": 'inline; filename="manifest.xml"',
    },
  });
});
