import { findLocationBySlug } from "@/db/queries/locations";
import { appContext } from "@/lib/services/context";
import { queueStamp } from "@/lib/services/queue/views";

export const dynamic = "force-dynamic";

const POLL_MS = 1000;
const HEARTBEAT_MS = 20_000;
/** Streams end after a while and the browser reconnects on its own: no connection is held forever. */
const STREAM_MS = 10 * 60_000;
/**
 * Open streams per process. A town hall needs a few dozen (screens, clerks, phones in the hall); past this the stream
 * is refused with 503 and the pages fall back on their refresh link, instead of a flood of connections starving the app.
 */
const MAX_OPEN_STREAMS = 500;
const open = globalThis as unknown as { terminvergabeOpenStreams?: number };

/**
 * Server-sent events for a location's live pages (call display, ticket page, the clerk's workstation): "change" when
 * the queue or the bookings changed, in any process on the database. The event carries no data, so the stream is as
 * public as the call display; each page fetches what its viewer may see.
 */
export async function GET(request: Request, { params }: { params: Promise<{ standort: string }> }) {
  const { standort } = await params;
  const context = await appContext();
  const location = await findLocationBySlug(context.db, standort);
  if (!location || !location.active) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

  if ((open.terminvergabeOpenStreams ?? 0) >= MAX_OPEN_STREAMS) {
    return new Response("Too many live connections", { status: 503, headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8" } });
  }
  open.terminvergabeOpenStreams = (open.terminvergabeOpenStreams ?? 0) + 1;
  let counted = true;
  const release = () => {
    if (!counted) return;
    counted = false;
    open.terminvergabeOpenStreams = Math.max(0, (open.terminvergabeOpenStreams ?? 1) - 1);
  };

  const encoder = new TextEncoder();
  let timers: ReturnType<typeof setInterval>[] = [];
  const stop = () => {
    timers.forEach(clearInterval);
    timers = [];
    release();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let last = await queueStamp(context.db, location.id);
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      send("retry: 3000\n\n");
      timers.push(
        setInterval(() => {
          if (closed) return;
          void queueStamp(context.db, location.id).then(
            (stamp) => {
              if (stamp === last) return;
              last = stamp;
              send("event: change\ndata: {}\n\n");
            },
            // A failed read (database restarting) is tried again at the next tick.
            () => undefined,
          );
        }, POLL_MS),
        setInterval(() => send(": still here\n\n"), HEARTBEAT_MS),
      );
      const end = setTimeout(close, STREAM_MS);
      request.signal.addEventListener("abort", () => {
        clearTimeout(end);
        close();
      });
    },
    cancel: stop,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      // no-transform: neither our compression nor a proxy may hold events back until a buffer fills.
      "X-Accel-Buffering": "no",
    },
  });
}
