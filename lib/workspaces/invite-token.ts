// Invite tokens: 32 random bytes, shown once in the link; only their SHA-256 is stored, so a
// database leak gives no usable links. A high-entropy token needs no slow hash.
import { createHash, randomBytes } from "node:crypto";

export function generateInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
