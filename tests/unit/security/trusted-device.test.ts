// Device tokens: bound to one account, signed, expiring, and one value for several accounts.
import { describe, expect, it } from "vitest";
import { accountTag, DEVICE_TOKEN_TTL_SECONDS, knownDevice, rememberDevice } from "@/lib/auth/trusted-device";

const alice = accountTag("Alice@Example.test ");
const bob = accountTag("bob@example.test");

describe("device tokens", () => {
  it("tag an account by its normalised email, without the email in clear", () => {
    expect(alice).toBe(accountTag("alice@example.test"));
    expect(alice).not.toBe(bob);
    expect(alice).not.toContain("alice");
  });

  it("are recognised for their account only", () => {
    const value = rememberDevice({ account: alice })!;
    const device = knownDevice({ account: alice, values: [value] });
    expect(device).toMatch(/^[\w-]{16,}$/);
    expect(knownDevice({ account: bob, values: [value] })).toBeNull();
    // Renewing keeps the device id.
    expect(knownDevice({ account: alice, values: [rememberDevice({ account: alice, deviceId: device, previous: value })] })).toBe(device);
  });

  it("expire", () => {
    const now = Date.now();
    const value = rememberDevice({ account: alice, now })!;
    expect(knownDevice({ account: alice, values: [value], now: now + (DEVICE_TOKEN_TTL_SECONDS - 60) * 1000 })).not.toBeNull();
    expect(knownDevice({ account: alice, values: [value], now: now + (DEVICE_TOKEN_TTL_SECONDS + 1) * 1000 })).toBeNull();
  });

  it("refuse any change to the signed part, and junk", () => {
    const value = rememberDevice({ account: alice })!;
    const parts = value.split(".");
    for (const index of [1, 2, 3, 4]) {
      const changed = [...parts];
      changed[index] = `${changed[index].slice(0, -1)}${changed[index].endsWith("A") ? "B" : "A"}`;
      expect(knownDevice({ account: alice, values: [changed.join(".")] }), `part ${index}`).toBeNull();
    }
    // Another account's token with this account's tag swapped in is not valid either.
    const bobs = rememberDevice({ account: bob })!.split(".");
    bobs[1] = alice;
    expect(knownDevice({ account: alice, values: [bobs.join(".")] })).toBeNull();
    for (const junk of ["", "v1", "v1.a.b.c.d", "~~~~", "x".repeat(5000), null, undefined]) {
      expect(knownDevice({ account: alice, values: [junk] })).toBeNull();
    }
  });

  it("keep other accounts' tokens in one value, newest first, at most five", () => {
    let value: string | null = null;
    const accounts = Array.from({ length: 7 }, (_, i) => accountTag(`user${i}@example.test`));
    for (const account of accounts) value = rememberDevice({ account, previous: value });
    const tokens = value!.split("~");
    expect(tokens).toHaveLength(5);
    expect(knownDevice({ account: accounts[6], values: [value] })).not.toBeNull();
    expect(knownDevice({ account: accounts[2], values: [value] })).not.toBeNull();
    expect(knownDevice({ account: accounts[1], values: [value] })).toBeNull();
    // Signing in to one of them again moves it to the front, not in twice.
    const again = rememberDevice({ account: accounts[2], previous: value })!;
    expect(again.split("~")).toHaveLength(5);
    expect(knownDevice({ account: accounts[2], values: [again.split("~")[0]] })).not.toBeNull();
  });
});
