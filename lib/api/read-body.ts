// Reads a request body as text without ever holding more than `limit` bytes: the declared
// length is checked first, then the stream is counted as it arrives (a client may lie or omit
// Content-Length). Over the limit: 413 with the limit in the message.
import { AppError } from "@/lib/errors/app-error";

function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function readBodyWithLimit(request: Request, limit: number, what = "The request body"): Promise<string> {
  const tooLarge = (size?: number) =>
    new AppError(
      "bad_request",
      size !== undefined
        ? `${what} is ${formatBytes(size)}; the limit is ${formatBytes(limit)}.`
        : `${what} is larger than the limit of ${formatBytes(limit)}.`,
      { status: 413 },
    );
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(declared);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
