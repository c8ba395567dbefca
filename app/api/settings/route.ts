// GET /api/settings — my preferences; PATCH /api/settings — change some of them
import { matchModelOption, modelOptions } from "@/lib/ai/providers/model-options";
import { withRoute } from "@/lib/api/with-route";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { getPreferences, updatePreferences } from "@/lib/db/profiles";
import { settingsPatchBody } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal }) => {
  return { settings: await getPreferences({ claims: principal.claims }) };
});

/** A preferred model must be one this deployment offers (stored as the offered spelling), or null. */
function checkedModel(requested: string | null | undefined): string | null | undefined {
  if (requested === undefined || requested === null || requested === "") return requested === "" ? null : requested;
  const options = modelOptions();
  const match = matchModelOption(requested, options);
  if (match) return match.value;
  throw new AppError(
    "bad_request",
    options.length > 0
      ? `preferredModel must be one of the models offered here: ${options.map((o) => o.value).join(", ")}; or null for the default.`
      : "preferredModel must be null: this site offers no choice of model.",
  );
}

export const PATCH = withRoute({ auth: "user", rateLimit: "api", body: settingsPatchBody }, async ({ principal, body, ip }) => {
  const changes = body.preferredModel === undefined ? body : { ...body, preferredModel: checkedModel(body.preferredModel) };
  const settings = await updatePreferences({ claims: principal.claims, changes });
  await recordAudit({ userId: principal.userId, action: "settings.updated", ip, metadata: { changed: Object.keys(body) } });
  return { settings };
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
