// A stand-in for the Resend HTTP API on loopback: accepts POST /emails like Resend does, records each message, and
// lets tests read them back (GET /__messages) or make the next N sends fail (POST /__fail?count=N). Mail to any
// address at unzustellbar.example is refused for good, as Resend refuses a malformed address.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";

const port = Number(process.env.FAKE_RESEND_PORT ?? 3901);
const messages = [];
let failuresLeft = 0;

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    if (req.method === "GET" && url.pathname === "/health") return send(res, 200, { ok: true });
    if (req.method === "GET" && url.pathname === "/__messages") return send(res, 200, messages);
    if (req.method === "POST" && url.pathname === "/__reset") {
      messages.length = 0;
      failuresLeft = 0;
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/__fail") {
      failuresLeft = Number(url.searchParams.get("count") ?? 1);
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/emails") {
      if (!String(req.headers.authorization ?? "").startsWith("Bearer ")) {
        return send(res, 401, { name: "missing_api_key", message: "Missing API key", statusCode: 401 });
      }
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return send(res, 503, { name: "application_error", message: "Temporarily unavailable", statusCode: 503 });
      }
      const body = JSON.parse(raw || "{}");
      if ([body.to].flat().some((to) => String(to).endsWith("@unzustellbar.example"))) {
        return send(res, 422, { name: "validation_error", message: "Invalid `to` field.", statusCode: 422 });
      }
      const id = randomUUID();
      messages.push({ id, receivedAt: new Date().toISOString(), ...body });
      return send(res, 200, { id });
    }
    send(res, 404, { name: "not_found", message: "Not found", statusCode: 404 });
  });
}).listen(port, "127.0.0.1", () => console.log(`fake Resend API on http://127.0.0.1:${port}`));
