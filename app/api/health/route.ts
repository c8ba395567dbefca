// GET /api/health — liveness: the process answers. No database, KV or provider call, so a
// load balancer probing it never adds load to (or waits on) a dependency.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import type { healthResponse } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const dynamic = "force-dynamic";

const startedAt = Date.now();

export const GET = withRoute(
  { auth: "none" },
  async () =>
    ({
      status: "ok",
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      time: new Date().toISOString(),
    }) satisfies z.infer<typeof healthResponse>,
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
