// What the task pane makes of a workspace's policies: the write mode it lets a member use (never
// more permissive than the admins allow) and the note it shows under the space switcher.
import { describe, expect, it } from "vitest";
import { effectiveWriteMode, policyNote, type PaneWorkspace } from "@/lib/addin/workspaces";

const workspace = (policies: Partial<PaneWorkspace["policies"]>): PaneWorkspace => ({
  id: "6f1c2a3b-1111-4222-8333-444455556666",
  name: "Finance",
  role: "member",
  policies: { maxWriteMode: null, forcePiiRedaction: false, allowedProviders: null, ...policies },
});

describe("effectiveWriteMode", () => {
  it("caps the member's mode at the workspace's maximum, and never raises it", () => {
    expect(effectiveWriteMode("auto", workspace({ maxWriteMode: "ask" }))).toBe("ask");
    expect(effectiveWriteMode("auto", workspace({ maxWriteMode: "read_only" }))).toBe("read_only");
    expect(effectiveWriteMode("ask", workspace({ maxWriteMode: "read_only" }))).toBe("read_only");
    expect(effectiveWriteMode("read_only", workspace({ maxWriteMode: "ask" }))).toBe("read_only");
    expect(effectiveWriteMode("auto", workspace({}))).toBe("auto");
    expect(effectiveWriteMode("auto", null)).toBe("auto");
  });
});

describe("policyNote", () => {
  it("names each policy that limits the member, and says nothing when none does", () => {
    expect(policyNote(null)).toBeNull();
    expect(policyNote(workspace({}))).toBeNull();
    const note = policyNote(workspace({ maxWriteMode: "read_only", forcePiiRedaction: true, allowedProviders: ["azure"] }));
    expect(note).toBe(
      "Finance's admins set: answers only read the workbook (no changes are proposed); personal data is masked before it reaches the model; only azure may answer.",
    );
  });
});
