// Microsoft sign-in settings are checked at start-up: a client id that is not a GUID, a key-set
// URL that is not http(s), or a tenant list with something other than tenant ids stops the app
// with a message naming the variable.
import { describe, expect, it } from "vitest";
import { type EnvError, parseEnv } from "@/lib/env";

function problems(source: Record<string, string>) {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    return (error as EnvError).issues.map((issue) => `${issue.variable}: ${issue.message}`);
  }
}

const CLIENT_ID = "6F1C2A9E-3B7D-4C51-9E2A-0D4B8C7F1A23";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

describe("Microsoft sign-in environment", () => {
  it("is off by default and uses Microsoft's common key set", () => {
    const env = parseEnv({});
    expect(env.ENTRA_CLIENT_ID).toBeUndefined();
    expect(env.ENTRA_JWKS_URL).toBe("https://login.microsoftonline.com/common/discovery/v2.0/keys");
    expect(env.ENTRA_TENANTS).toEqual([]);
  });

  it("normalises the client id and the tenant list to lower case", () => {
    const env = parseEnv({ ENTRA_CLIENT_ID: ` ${CLIENT_ID} `, ENTRA_TENANTS: ` ${TENANT.toUpperCase()} ,, 9188040d-6c67-4c5b-b112-36a304b66dad ` });
    expect(env.ENTRA_CLIENT_ID).toBe(CLIENT_ID.toLowerCase());
    expect(env.ENTRA_TENANTS).toEqual([TENANT, "9188040d-6c67-4c5b-b112-36a304b66dad"]);
  });

  it("names each malformed variable", () => {
    expect(problems({ ENTRA_CLIENT_ID: "api://contoso/abc" })).toEqual([expect.stringMatching(/^ENTRA_CLIENT_ID: .*client\) ID, a GUID/)]);
    expect(problems({ ENTRA_JWKS_URL: "ftp://keys.example" })).toEqual([expect.stringMatching(/^ENTRA_JWKS_URL: must be a URL/)]);
    expect(problems({ ENTRA_TENANTS: `${TENANT},contoso.onmicrosoft.com` })).toEqual([expect.stringMatching(/^ENTRA_TENANTS: "contoso.onmicrosoft.com" is not a tenant id/)]);
  });
});
