/**
 * Liveness: the process is up and its HTTP server answers. Deliberately touches nothing else (no database, no
 * configuration): a container runtime restarts the process when this fails, and a restart cures none of what /readyz
 * checks.
 */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
