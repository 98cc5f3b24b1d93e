import { getDb } from "@/db/client";
import { findOutboxMessage } from "@/db/queries/outbox";
import { getEnv } from "@/lib/env";

/** Demo only: one kept e-mail as the HTML the citizen would see. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const message = getEnv().isDemo ? await findOutboxMessage(getDb(), Number((await params).id)) : undefined;
  if (!message) return new Response("Not found", { status: 404 });
  return new Response(message.html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      // The mail's HTML is shown as a document of its own: no scripts, nothing from elsewhere.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      "cache-control": "no-store",
    },
  });
}
