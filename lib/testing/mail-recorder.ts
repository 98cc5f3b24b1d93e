import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = { headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> };

/**
 * A local stand-in for the Resend API for service tests: records POST /emails and answers with the statuses queued
 * in `replies` (default 200). The real SDK talks to it through RESEND_BASE_URL.
 */
export async function startMailRecorder() {
  const received: RecordedRequest[] = [];
  const replies: { status: number; body: Record<string, unknown> }[] = [];
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const reply = replies.shift() ?? { status: 200, body: { id: `msg-${nextId++}` } };
      if (req.method === "POST" && req.url === "/emails") received.push({ headers: req.headers, body: JSON.parse(raw || "{}") });
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    replies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
