import { z } from "zod";

// What Office says about itself (Office.context.diagnostics) plus the pane's own version. Only
// shown back to the same user, but still bounded and plain: it is a client's word.
const label = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .max(40, `${name} must be at most 40 characters`)
    .regex(/^[\w .:()+-]*$/, `${name} may contain letters, digits, spaces and . : ( ) + - _ only`)
    .nullable()
    .optional();

export const heartbeatBody = z
  .object({
    host: label("host"),
    platform: label("platform"),
    officeVersion: label("officeVersion"),
    addinVersion: label("addinVersion"),
  })
  .strict();

