/**
 * Runs once when a server process starts: validates the configuration (a production deployment with missing
 * settings stops here with a clear message), applies migrations and starts the background jobs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  startServer();
}
