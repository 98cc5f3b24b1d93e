/**
 * `npm run bench:weight`: how much a citizen's phone has to load and run. Against the production build (run
 * `npm run build` first), started on a fresh demo database like the e2e suite does, it walks the booking flow once in
 * Chromium (to reach the day, details and manage pages with real state) and reports per citizen page:
 *
 * - first-load JavaScript: every `<script src>` in the page's HTML, fetched and gzip'd (level 9, as a server or CDN
 *   would send it);
 * - the HTML itself (raw and gzip'd), which carries the server components' payload and the client's messages;
 * - Lighthouse mobile performance (default mobile config: simulated slow 4G and 4× CPU slowdown) for home, concerns and
 *   details, the median of `LIGHTHOUSE_RUNS` runs (default 3). `LIGHTHOUSE=0` skips it;
 * - with `LIGHTHOUSE_CEILING=1`, the same three pages scored again as they would be with no JavaScript at all: served
 *   through a loopback proxy that removes every `<script>` and script preload from the HTML (the forms still work,
 *   they post to the server actions). Not a page anyone gets; the ceiling a citizen page without the framework's
 *   runtime could reach, to weigh that option against what it would cost (bench/README.md).
 *
 * Not part of the test suite: it wants an idle machine and prints figures, it does not judge them. Results go to
 * bench/results/weight.{md,json} (not committed); bench/README.md quotes a real run.
 */
import { chromium, type Page } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const PORT = Number(process.env.WEIGHT_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const TARGET_JS_KB = 90;
const TARGET_SCORE = 98;

type Weight = { route: string; url: string; scripts: number; jsRaw: number; jsGzip: number; htmlRaw: number; htmlGzip: number };
type Score = { route: string; score: number; runs: number[]; tbt: number; lcp: number; fcp: number };

const gzip = (data: Buffer) => gzipSync(data, { level: 9 }).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status > 0 && status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * The page's HTML and every script it loads, as a browser without a cache would fetch them. `nomodule` scripts (the
 * polyfills for old browsers) are left out: browsers that run modules do not load them. A page that needs the flow's
 * cookie (the review) is weighed with the HTML the browser got.
 */
async function weigh(route: string, url: string, fetched?: Buffer): Promise<Weight> {
  let html = fetched;
  if (!html) {
    const response = await fetch(url, { headers: { "accept-language": "de-DE,de;q=0.9" }, redirect: "manual" });
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    html = Buffer.from(await response.arrayBuffer());
  }
  const tags = [...html.toString("utf8").matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\snomodule\b/i.test(tag));
  const sources = [...new Set(tags.flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1]?.replaceAll("&amp;", "&") ?? []))];
  let jsRaw = 0;
  let jsGzip = 0;
  for (const source of sources) {
    const script = Buffer.from(await (await fetch(new URL(source, BASE))).arrayBuffer());
    jsRaw += script.length;
    jsGzip += gzip(script);
  }
  return { route, url: url.replace(BASE, ""), scripts: sources.length, jsRaw, jsGzip, htmlRaw: html.length, htmlGzip: gzip(html) };
}

/** One booking through the flow, as a person with JavaScript would; returns the URLs of the steps on the way. */
async function walkTheFlow(page: Page) {
  const urls: Record<string, string> = {};
  await page.goto(`${BASE}/termin`);
  await page.getByRole("checkbox", { name: "Personalausweis beantragen", exact: true }).check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.waitForURL(/\/termin\/(standort|tag)/);
  if (page.url().includes("/termin/standort")) {
    urls.location = page.url();
    await page.getByRole("radio", { name: /Bürgerbüro im Rathaus/ }).check();
    await page.getByRole("button", { name: "Weiter" }).click();
    await page.waitForURL(/\/termin\/tag/);
  }
  urls.day = page.url();
  for (let month = 0; month < 4 && (await page.locator("a.calendar__day").count()) === 0; month++) {
    await page.getByRole("link", { name: /^Nächster Monat/ }).click();
    await page.waitForURL(/[?&]monat=/);
  }
  await page.locator("a.calendar__day").first().click();
  await page.waitForURL(/\/termin\/uhrzeit/);
  urls.time = page.url();
  await page.getByRole("radio").first().check({ force: true });
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.waitForURL(/\/termin\/daten/);
  urls.details = page.url();
  await page.getByLabel("Vor- und Nachname").fill("Erika Mustermann");
  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill("weight@example.org");
  // The repeated address and the privacy tick box are gone since issue 13; older builds still ask for them.
  const repeat = page.getByLabel("E-Mail-Adresse wiederholen");
  if ((await repeat.count()) > 0) await repeat.fill("weight@example.org");
  const consent = page.getByRole("checkbox", { name: /Datenschutzhinweise/ });
  if ((await consent.count()) > 0) await consent.check();
  await page.getByRole("button", { name: "Weiter" }).click();
  await page.waitForURL(/\/termin\/pruefen/);
  urls.review = page.url();
  const reviewHtml = await (await page.request.get(page.url())).body();
  // The proof of work is solved in the browser; the button sends once it is.
  await page.waitForFunction(() => (document.querySelector('altcha-widget input[name="altcha"]') as HTMLInputElement | null)?.value, null, { timeout: 30_000 }).catch(() => page.waitForTimeout(4000));
  await page.getByRole("button", { name: "Termin verbindlich buchen" }).click();
  await page.waitForURL(/\/termin\/verwalten\/[^/?]+/);
  urls.manage = page.url().replace(/\?.*$/, "");
  return { urls, reviewHtml };
}

/** The HTML without any script: inline ones (the server components' payload), external ones and their preloads. */
function withoutScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*\bas="script"[^>]*>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*\brel="(?:modulepreload|preload)"[^>]*>/gi, "");
}

/** A loopback proxy in front of the app that serves its pages without scripts (see `withoutScripts`). */
function startScriptlessProxy(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const upstream = await fetch(new URL(request.url ?? "/", BASE), { headers: { "accept-language": request.headers["accept-language"] ?? "de-DE" }, redirect: "manual" });
      const type = upstream.headers.get("content-type") ?? "";
      const body = Buffer.from(await upstream.arrayBuffer());
      const headers: Record<string, string> = { "content-type": type };
      const location = upstream.headers.get("location");
      if (location) headers.location = location;
      response.writeHead(upstream.status, headers);
      response.end(type.startsWith("text/html") ? withoutScripts(body.toString("utf8")) : body);
    })().catch(() => {
      response.writeHead(502).end();
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

/**
 * Lighthouse runs in plain Node (bench/lighthouse.mjs): see there why not under tsx. Not spawnSync: the scriptless
 * proxy answers from this process while Lighthouse runs.
 */
async function lighthouseScores(pages: [string, string][]): Promise<Score[]> {
  const child = spawn(process.execPath, ["bench/lighthouse.mjs", ...pages.map(([, url]) => url)], {
    env: { ...process.env, LIGHTHOUSE_RUNS: String(LIGHTHOUSE_RUNS), CHROMIUM_PATH: CHROMIUM },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (status !== 0) throw new Error(`Lighthouse failed: ${stderr}`);
  const results = JSON.parse(stdout) as { url: string; runs: { score: number; tbt: number; lcp: number; fcp: number }[] }[];
  return results.map(({ runs }, index) => {
    const median = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)]!;
    return { route: pages[index]![0], score: median.score, runs: runs.map((r) => r.score), tbt: median.tbt, lcp: median.lcp, fcp: median.fcp };
  });
}

function markdown(weights: Weight[], scores: Score[], machine: string, ceiling: Score[] = []): string {
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine}`,
    "",
    "| page | scripts | first-load JS gzip KB | JS raw KB | HTML gzip KB | HTML raw KB | ≤ 90 KB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ...weights.map((w) => `| ${w.route} | ${w.scripts} | ${kb(w.jsGzip)} | ${kb(w.jsRaw)} | ${kb(w.htmlGzip)} | ${kb(w.htmlRaw)} | ${w.jsGzip <= TARGET_JS_KB * 1024 ? "yes" : "no"} |`),
  ];
  if (scores.length > 0) {
    lines.push(
      "",
      `Lighthouse ${LIGHTHOUSE_RUNS > 1 ? `(median of ${LIGHTHOUSE_RUNS} runs)` : ""}, mobile, performance only:`,
      "",
      "| page | performance | runs | TBT ms | LCP ms | FCP ms | ≥ 98 |",
      "| --- | ---: | --- | ---: | ---: | ---: | :---: |",
      ...scores.map((s) => `| ${s.route} | ${s.score} | ${s.runs.join(", ")} | ${s.tbt.toFixed(0)} | ${s.lcp.toFixed(0)} | ${s.fcp.toFixed(0)} | ${s.score >= TARGET_SCORE ? "yes" : "no"} |`),
    );
  }
  if (ceiling.length > 0) {
    lines.push(
      "",
      "The same pages with every script removed (the ceiling without the framework's runtime; no page is served so):",
      "",
      "| page | performance | runs | TBT ms | LCP ms | FCP ms |",
      "| --- | ---: | --- | ---: | ---: | ---: |",
      ...ceiling.map((s) => `| ${s.route} | ${s.score} | ${s.runs.join(", ")} | ${s.tbt.toFixed(0)} | ${s.lcp.toFixed(0)} | ${s.fcp.toFixed(0)} |`),
    );
  }
  return lines.join("\n");
}

async function main() {
  const directory = mkdtempSync(path.join(os.tmpdir(), "terminvergabe-weight-"));
  const env = {
    ...process.env,
    DATABASE_PATH: path.join(directory, "weight.sqlite"),
    PORT: String(PORT),
    PUBLIC_URL: BASE,
    TERMINVERGABE_MODE: "demo",
    // The same ordinary Tuesday morning as the e2e suite, so the calendar looks the same on every run.
    TERMINVERGABE_CLOCK: process.env.TERMINVERGABE_CLOCK ?? "2026-11-24T09:00:00+01:00",
    TERMINVERGABE_CLOCK_SET_AT: String(Date.now()),
    RATE_LIMIT_SCALE: "1000",
    OUTBOX_POLL_SECONDS: "3600",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const seed = spawnSync("npx", ["tsx", "--conditions=react-server", "db/seed-cli.ts"], { stdio: "ignore", env });
  if (seed.status !== 0) throw new Error("seeding the demo database failed");
  const app: ChildProcess = spawn("npx", ["tsx", "lib/http/server.ts", "--port", String(PORT), "--hostname", "127.0.0.1"], { env, stdio: "ignore", detached: true });
  const stop = () => {
    try {
      if (app.pid) process.kill(-app.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  process.on("exit", stop);
  try {
    await waitFor(`${BASE}/healthz`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"] });
    const page = await browser.newPage({ locale: "de-DE", timezoneId: "Europe/Berlin" });
    const { urls: flow, reviewHtml } = await walkTheFlow(page);
    await browser.close();

    const routes: [string, string][] = [
      ["home `/`", `${BASE}/`],
      ["concerns `/termin`", `${BASE}/termin`],
      ...(flow.location ? ([["location `/termin/standort`", flow.location]] as [string, string][]) : []),
      ["day `/termin/tag`", flow.day!],
      ["time `/termin/uhrzeit`", flow.time!],
      ["details `/termin/daten`", flow.details!],
      ["review `/termin/pruefen`", flow.review!],
      ["manage `/termin/verwalten/…`", flow.manage!],
      ["privacy `/datenschutz`", `${BASE}/datenschutz`],
    ];
    const weights: Weight[] = [];
    for (const [route, url] of routes) weights.push(await weigh(route, url, url === flow.review ? reviewHtml : undefined));

    console.log(`\n${markdown(weights, [], "weights only")}\n`);
    const scored: [string, string][] = [routes[0]!, routes[1]!, routes.find(([route]) => route.startsWith("details"))!];
    const scores = process.env.LIGHTHOUSE === "0" ? [] : await lighthouseScores(scored);
    let ceiling: Score[] = [];
    if (process.env.LIGHTHOUSE !== "0" && process.env.LIGHTHOUSE_CEILING === "1") {
      const proxy = await startScriptlessProxy(PORT + 1);
      try {
        const proxied: [string, string][] = scored.map(([route, url]) => [route, url.replace(BASE, `http://127.0.0.1:${PORT + 1}`)]);
        // The ceiling means nothing if a script got through.
        for (const [, url] of proxied) {
          const html = await (await fetch(url)).text();
          if (/<script\b|as="script"/i.test(html) || !html.includes("<h1")) throw new Error(`${url}: the scriptless page still has scripts, or no content`);
        }
        ceiling = await lighthouseScores(proxied);
      } finally {
        proxy.close();
      }
    }

    const cpu = os.cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, Node ${process.version}, Chromium at ${CHROMIUM}`;
    const report = markdown(weights, scores, machine, ceiling);
    console.log(`\n${report}\n`);
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/weight.md", report + "\n");
    writeFileSync("bench/results/weight.json", JSON.stringify({ machine, weights, scores, ceiling }, null, 2));
  } finally {
    stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
