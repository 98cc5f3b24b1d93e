import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { trackRequests } from "./http-drain";

const agents: Agent[] = [];
afterEach(() => agents.splice(0).forEach((agent) => agent.destroy()));

async function start(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer((request, response) => {
    requests.track(response);
    handler(request, response);
  });
  const requests = trackRequests(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const agent = new Agent({ keepAlive: true });
  agents.push(agent);
  const port = (server.address() as AddressInfo).port;
  const get = (path: string) =>
    new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, agent }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      });
      req.on("error", reject);
      req.end();
    });
  return { server, requests, get };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("draining the HTTP server", () => {
  it("lets a request in flight finish, closes its kept-alive connection, and accepts no new one", async () => {
    const { requests, get } = await start((_request, response) => setTimeout(() => response.end("fertig"), 300));
    const inFlight = get("/langsam");
    await later(50);
    const started = performance.now();
    const closed = requests.close(5_000);

    expect(await inFlight).toEqual({ status: 200, connection: "close", body: "fertig" });
    expect(await closed).toEqual({ cutOff: 0 });
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(get("/neu")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("does not wait for idle keep-alive connections", async () => {
    const { requests, get } = await start((_request, response) => response.end("ok"));
    expect((await get("/")).status).toBe(200);
    const started = performance.now();
    expect(await requests.close(5_000)).toEqual({ cutOff: 0 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("cuts off what is still running at the deadline", async () => {
    const { requests, get } = await start(() => {
      // Never answers.
    });
    const hanging = get("/haengt");
    await later(50);
    const started = performance.now();
    expect(await requests.close(300)).toEqual({ cutOff: 1 });
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
