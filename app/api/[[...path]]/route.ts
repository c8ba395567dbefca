// Any /api path no route serves: 404 `not_found` in the JSON envelope, for every method (Next.js
// would answer with its HTML page). More specific routes always win over this catch-all.
import { unknownApiPath } from "@/lib/api/unsupported-requests";

export const GET = unknownApiPath;
export const HEAD = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const PATCH = unknownApiPath;
export const DELETE = unknownApiPath;
export const OPTIONS = unknownApiPath;
