import { z } from "zod";

/** Most calls in one batch: the add-in sends cells that recalculate together in batches of this size. */
const MAX_FUNCTION_BATCH = 50;

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const argument = z.union([cellValue, z.array(z.union([cellValue, z.array(cellValue)]))]).meta({
  description: "A cell value (text, number, TRUE/FALSE, or null for an empty cell) or a range as rows of cell values.",
});

export const functionsBody = z.object({
  calls: z
    .array(
      z.object({
        id: z.string().min(1, "id must not be empty").max(100, "id must be at most 100 characters").meta({ description: "The caller's id for this call; its result carries it back." }),
        name: z.string().max(50, "name must be at most 50 characters").meta({ description: "`ASK`, `CLASSIFY` or `EXTRACT` (an `AI.` prefix is accepted)." }),
        args: z.array(argument).max(5, "a function takes at most 5 arguments").meta({
          description: "ASK: [prompt, range?]; CLASSIFY: [value, labels] (labels as a range or one text such as \"High, Medium, Low\"); EXTRACT: [text, what].",
        }),
      }),
    )
    .min(1, "calls must hold at least one call")
    .max(MAX_FUNCTION_BATCH, `calls may hold at most ${MAX_FUNCTION_BATCH} calls; send larger recalculations as several batches`)
    .refine((calls) => new Set(calls.map((call) => call.id)).size === calls.length, "every call needs a different id"),
  workspaceId: z
    .uuid({ error: "workspaceId must be a workspace id (a UUID)" })
    .nullish()
    .meta({
      description:
        "Compute the batch in this workspace (you must be a member): results are cached for the workspace, so a colleague with the same inputs is answered from the cache at no cost; the calls draw on the workspace's pooled quota and its policies apply (allowed providers, PII redaction). Omit for your personal space, whose cache is yours alone.",
    }),
}).meta({
  id: "FunctionsRequest",
  examples: [
    {
      calls: [
        { id: "B2", name: "CLASSIFY", args: ["New laptop (hardware)", [["Hardware", "Software", "Services"]]] },
        { id: "C2", name: "EXTRACT", args: ["Write to ann@example.com before Friday", "email"] },
        { id: "D1", name: "ASK", args: ["Total sales", [["Region", "Sales"], ["North", 1200], ["South", 900]]] },
      ],
    },
  ],
});

const functionValue = z.object({
  id: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).meta({ description: "What the cell shows." }),
  cached: z.boolean().meta({ description: "True when the result came from the cache: it cost nothing and counted against no limit." }),
  source: z.enum(["model", "deterministic"]).meta({
    description: "`model`: the AI model answered. `deterministic`: no model is configured and a pattern or label match made the value.",
  }),
});

const functionError = z.object({
  id: z.string(),
  error: z.object({
    code: z.enum(["bad_request", "not_found", "rate_limited", "quota_exceeded", "provider_unavailable", "internal"]),
    message: z.string().meta({ description: "Shown with the cell's error: what is wrong, or which limit was reached and when it resets." }),
  }),
});

export const functionsResponse = z.object({
  results: z.array(z.union([functionValue, functionError])).meta({ description: "One result per call, in the order of the calls." }),
});
