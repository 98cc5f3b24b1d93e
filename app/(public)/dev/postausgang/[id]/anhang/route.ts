import { getDb } from "@/db/client";
import { findOutboxMessage } from "@/db/queries/outbox";
import { getEnv } from "@/lib/env";

/** Demo only: the first attachment (the calendar file) of a kept e-mail. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const message = getEnv().isDemo ? await findOutboxMessage(getDb(), Number((await params).id)) : undefined;
  const attachment = message?.attachments[0];
  if (!attachment) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(attachment.contentBase64, "base64"), {
    headers: {
      "content-type": attachment.contentType,
      "content-disposition": `attachment; filename="${attachment.filename.replace(/"/g, "")}"`,
      "cache-control": "no-store",
    },
  });
}
