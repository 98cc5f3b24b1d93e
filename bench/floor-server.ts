/**
 * (c) The floor: a bare node:http server on the same database file doing the same engine call and the same booking
 * transaction as the app, without Next.js, zod parsing, problem documents or rate limiting. What the app reaches as
 * a share of this is the cost of everything around the core.
 */
import { createServer } from "node:http";
import { getDb } from "@/db/client";
import { loadCatalogue } from "@/db/queries/catalogue";
import { findLocationBySlug } from "@/db/queries/locations";
import { availabilityFor } from "@/lib/services/availability";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { createBooking, SlotTakenError } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";
import { generateFormNonce } from "@/lib/booking-tokens";

const port = Number(process.env.PORT ?? 3201);

function parseConcerns(text: string, bySlug: Map<string, number>) {
  return text.split(",").map((part) => {
    const [slug, quantity] = part.split(":");
    return { concernId: bySlug.get(slug!) ?? -1, quantity: Number(quantity ?? 1) };
  });
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  try {
    const context = await appContext();
    const bySlug = new Map((await loadCatalogue(context.db)).map((c) => [c.slug, c.id]));
    if (req.method === "GET" && url.pathname === "/availability") {
      const location = await findLocationBySlug(getDb(), url.searchParams.get("location") ?? "");
      if (!location) return send(404, { error: "location" });
      const result = await availabilityFor(context.db, {
        now: context.now(),
        location,
        items: parseConcerns(url.searchParams.get("concerns") ?? "", bySlug),
        audience: "online",
        from: url.searchParams.get("from") ?? undefined,
        to: url.searchParams.get("to") ?? undefined,
      });
      return send(result.ok ? 200 : 422, result);
    }
    if (req.method === "POST" && url.pathname === "/bookings") {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const body = JSON.parse(raw);
      const location = (await findLocationBySlug(getDb(), body.location))!;
      try {
        const outcome = await createBooking(context, CITIZEN_ACTOR, {
          locationId: location.id,
          items: body.concerns.map((c: { concern: string; quantity: number }) => ({ concernId: bySlug.get(c.concern) ?? -1, quantity: c.quantity })),
          startsAt: new Date(body.start),
          channel: "online",
          citizen: { name: body.citizen.name, email: body.citizen.email, phone: null, note: null },
          language: "de",
          linkNonce: generateFormNonce(),
        });
        return send(201, { referenceCode: outcome.booking.referenceCode });
      } catch (error) {
        if (error instanceof SlotTakenError) return send(409, { code: "slot_taken", alternatives: error.alternatives });
        throw error;
      }
    }
    send(404, { error: "not found" });
  } catch (error) {
    send(500, { error: error instanceof Error ? error.name : "error" });
  }
}).listen(port, "127.0.0.1", () => console.log(`floor server on ${port}`));
