import { z } from "zod";

export const healthResponse = z.object({
  status: z.literal("ok"),
  uptimeSeconds: z.number().int().meta({ description: "Seconds since this server instance started." }),
  time: z.iso.datetime().meta({ description: "The server's clock (UTC)." }),
});
