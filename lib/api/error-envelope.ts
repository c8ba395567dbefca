// The body of every error response: {"error": {"code", "message", "requestId", ...details}}.
// The code list is the one ERROR_STATUS table, so a code added there is documented everywhere.
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/app-error";

const errorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]).meta({
  id: "ErrorCode",
  description: "What went wrong, for programs to branch on. The HTTP status matches the code.",
});

export const errorEnvelopeSchema = z
  .object({
    error: z
      .looseObject({
        code: errorCodeSchema,
        message: z.string().meta({ description: "What went wrong and what to do about it, for people." }),
        requestId: z.string().meta({ description: "Also in the X-Request-Id header; quote it when reporting a problem." }),
      })
      .meta({
        description:
          "Some errors carry extra fields beside these, e.g. a quota refusal adds `upgradeUrl`, `plan`, `period`, `limit`, `used` and `resetsAt`.",
      }),
  })
  .meta({
    id: "ErrorEnvelope",
    description: "Every error, on every /api path, has this shape.",
    examples: [{ error: { code: "not_found", message: "No conversation with that id.", requestId: "4f0c2a1e-8d7b-4c1a-9f3e-2b6d5a7c9e10" } }],
  });

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
