// Transport details of the two Redis adapters: what goes over the wire to Upstash REST, script
// cache misses (NOSCRIPT) on both, and recovery of the TCP adapter once Redis comes back.
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKv } from "@/lib/kv/create-kv";
import { KvError } from "@/lib/kv/kv-error";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { startFakeUpstashServer, type FakeUpstashServer } from "@/tests/fixtures/kv/fake-upstash-server";
import { TEST_REDIS_URL, deleteKeys } from "@/tests/fixtures/kv/kv-adapters";

const PREFIX = `test:kv-transport:${process.pid}:${Date.now()}:`;

afterAll(async () => {
  await deleteKeys(`${PREFIX}*`);
});

describe("Upstash REST adapter", () => {
  let fake: FakeUpstashServer;
  let raw: Redis;

  beforeAll(async () => {
    fake = await startFakeUpstashServer({ redisUrl: TEST_REDIS_URL, token: "secret-token" });
    raw = new Redis(TEST_REDIS_URL, { protocol: 2 });
  });
  afterAll(async () => {
    await fake.close();
    await raw.quit();
  });

  it("sends commands with the bearer token and stores plain JSON strings", async () => {
    const kv = createKv({ restUrl: fake.url, restToken: "secret-token", keyPrefix: `${PREFIX}rest:` });
    await kv.set("doc", { hello: "world" }, { ttlMs: 60_000 });
    expect(fake.commands).toContainEqual(["set", `${PREFIX}rest:doc`, '{"hello":"world"}', "px", 60000]);
    expect(await raw.get(`${PREFIX}rest:doc`)).toBe('{"hello":"world"}');
    await kv.slidingWindow("limit", { limit: 5, windowMs: 1000 });
    expect(fake.commands.some((command) => command[0] === "evalsha")).toBe(true);
  });

  it("rejects with KvError when the token is wrong", async () => {
    const kv = createKv({ restUrl: fake.url, restToken: "wrong-token", keyPrefix: `${PREFIX}rest:` });
    const error = await kv.get("doc").catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(KvError);
    expect((error as KvError).message).toContain("Unauthorized");
  });

  it("falls back to EVAL when the script cache is empty (NOSCRIPT)", async () => {
    const kv = createKv({ restUrl: fake.url, restToken: "secret-token", keyPrefix: `${PREFIX}rest:` });
    await raw.script("FLUSH");
    fake.commands.length = 0;
    expect(await kv.incrBy("counter", 2, { ttlMs: 60_000 })).toBe(2);
    expect(fake.commands.map((command) => command[0])).toEqual(["evalsha", "eval"]);
    fake.commands.length = 0;
    expect(await kv.incrBy("counter", 2, { ttlMs: 60_000 })).toBe(4);
    expect(fake.commands.map((command) => command[0])).toEqual(["evalsha"]);
  });
});

describe("Redis TCP adapter", () => {
  it("falls back to EVAL when the script cache is empty (NOSCRIPT)", async () => {
    const kv = createKv({ redisUrl: TEST_REDIS_URL, keyPrefix: `${PREFIX}tcp:` });
    const raw = new Redis(TEST_REDIS_URL, { protocol: 2 });
    try {
      await raw.script("FLUSH");
      expect((await kv.reserve("reserve", { limit: 1 })).reserved).toBe(true);
      expect((await kv.reserve("reserve", { limit: 1 })).reserved).toBe(false);
    } finally {
      await kv.close();
      await raw.quit();
    }
  });

  it("is down while Redis is unreachable and recovers when it comes back", async () => {
    // A port with nothing listening yet; later a TCP proxy to the real Redis opens on it.
    const port = await freePort();
    const kv = createKv({ redisUrl: `redis://127.0.0.1:${port}`, keyPrefix: `${PREFIX}tcp:` });
    let proxy: Server | undefined;
    const sockets: Socket[] = [];
    try {
      await expect(checkRateLimit({ policy: "chat", identifier: "user:r", kv })).rejects.toMatchObject({ status: 503 });

      const target = new URL(TEST_REDIS_URL);
      proxy = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        sockets.push(client, upstream);
        client.pipe(upstream).pipe(client);
        client.on("error", () => upstream.destroy());
        upstream.on("error", () => client.destroy());
      });
      await new Promise<void>((resolve) => proxy!.listen(port, "127.0.0.1", resolve));

      const deadline = Date.now() + 10_000;
      let result: Awaited<ReturnType<typeof checkRateLimit>> | undefined;
      while (!result && Date.now() < deadline) {
        result = await checkRateLimit({ policy: "chat", identifier: "user:r", kv }).catch(() => undefined);
        if (!result) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(result).toMatchObject({ allowed: true, remaining: 9, degraded: false });
    } finally {
      await kv.close();
      for (const socket of sockets) socket.destroy();
      if (proxy) await new Promise<void>((resolve) => proxy!.close(() => resolve()));
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
