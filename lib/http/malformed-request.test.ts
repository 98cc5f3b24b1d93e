import { describe, expect, it } from "vitest";
import { refusalFor } from "./malformed-request";

const ACTION = "7f".repeat(21);
const post = (headers: Record<string, string>, body?: string) =>
  new Request("http://127.0.0.1:3000/termin/pruefen", { method: "POST", headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", ...headers }, body });
const multipart = (fields: Record<string, string>, boundary = "----b") =>
  Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;

describe("requests Next.js could not read", () => {
  it.each([
    { name: "a script's action call", request: post({ "next-action": ACTION, "content-type": "text/plain;charset=UTF-8" }, '["$K1"]') },
    { name: "a form posted by script", request: post({ "next-action": ACTION, "content-type": "multipart/form-data; boundary=----b" }, multipart({ nonce: "x" })) },
    {
      name: "a form with a browser's mixed-case boundary",
      request: post({ "next-action": ACTION, "content-type": "multipart/form-data; boundary=----WebKitFormBoundaryB2qq" }, multipart({ nonce: "x" }, "----WebKitFormBoundaryB2qq")),
    },
    { name: "a form posted without JavaScript", request: post({ "content-type": "multipart/form-data; boundary=----b" }, multipart({ [`$ACTION_ID_${ACTION}`]: "" })) },
    { name: "a URL-encoded form", request: post({ "content-type": "application/x-www-form-urlencoded" }, `%24ACTION_ID_${ACTION}=&a=b`) },
    { name: "a page request", request: new Request("http://127.0.0.1:3000/termin") },
  ])("lets $name through", async ({ request }) => {
    expect(await refusalFor(request)).toBeNull();
  });

  it.each([
    { name: "an unreadable router state", request: new Request("http://127.0.0.1:3000/staff", { headers: { "next-router-state-tree": "%7Bnope" } }), status: 400 },
    { name: "a router state of the wrong shape", request: new Request("http://127.0.0.1:3000/staff", { headers: { "next-router-state-tree": encodeURIComponent('["", {}, null, null, true]') } }), status: 400 },
    { name: "a post from another site", request: post({ origin: "https://evil.example", "next-action": ACTION, "content-type": "text/plain" }, "[]"), status: 403 },
    { name: "a post from an opaque origin (a sandboxed frame)", request: post({ origin: "null", "next-action": ACTION, "content-type": "text/plain" }, "[]"), status: 403 },
    { name: "an impossible action id", request: post({ "next-action": "' OR 1=1", "content-type": "text/plain" }, "[]"), status: 400 },
    { name: "JSON", request: post({ "next-action": ACTION, "content-type": "application/json" }, "{}"), status: 400 },
    { name: "no content type", request: post({ "next-action": ACTION }, "x"), status: 400 },
    { name: "arguments that are not JSON", request: post({ "next-action": ACTION, "content-type": "text/plain" }, "{oops"), status: 400 },
    { name: "a broken multipart body", request: post({ "next-action": ACTION, "content-type": "multipart/form-data; boundary=other" }, multipart({ a: "b" })), status: 400 },
    { name: "multipart without a boundary", request: post({ "next-action": ACTION, "content-type": "multipart/form-data" }, "x"), status: 400 },
    { name: "a form without an action", request: post({ "content-type": "multipart/form-data; boundary=----b" }, multipart({ a: "b" })), status: 400 },
    { name: "a body over 1 MB", request: post({ "next-action": ACTION, "content-type": "text/plain" }, "a".repeat(1_100_000)), status: 413 },
  ])("refuses $name with $status", async ({ request, status }) => {
    expect(await refusalFor(request)).toMatchObject({ status });
  });
});
