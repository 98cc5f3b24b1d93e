import type { Server, ServerResponse } from "node:http";

/**
 * Lets an HTTP server stop without cutting anyone off: no new connections, the requests already being answered run to
 * their end, keep-alive connections are closed as soon as they fall idle (a browser would otherwise keep sending on
 * them), and whatever is still running at the deadline is cut off so that a hanging request cannot hold the shutdown.
 */
export function trackRequests(server: Server) {
  const active = new Set<ServerResponse>();
  let isClosing = false;
  return {
    /** Call first thing for every request. */
    track(response: ServerResponse): void {
      active.add(response);
      response.once("close", () => active.delete(response));
      // A request that arrived on a kept-alive connection during the drain: answer it, then let the client reconnect.
      if (isClosing) response.setHeader("Connection", "close");
    },
    get activeCount(): number {
      return active.size;
    },
    /** Resolves once every connection is closed; `cutOff` counts the requests still running at the deadline. */
    close(timeoutMs: number): Promise<{ cutOff: number }> {
      isClosing = true;
      for (const response of active) if (!response.headersSent) response.setHeader("Connection", "close");
      return new Promise((resolve) => {
        let cutOff = 0;
        // A response sent with keep-alive before the drain began leaves an idle connection behind when it ends.
        const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => {
          cutOff = active.size;
          server.closeAllConnections();
        }, timeoutMs);
        server.close(() => {
          clearInterval(idleSweep);
          clearTimeout(deadline);
          resolve({ cutOff });
        });
        server.closeIdleConnections();
      });
    },
  };
}
