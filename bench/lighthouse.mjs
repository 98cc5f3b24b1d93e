// Lighthouse mobile performance for the URLs given, as JSON on stdout: [{ url, runs: [{ score, tbt, lcp, fcp }] }].
// Plain Node on purpose: under tsx, esbuild adds helpers (`__name`) to functions Lighthouse sends to the browser,
// which then fail there. Used by bench/weight.ts.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const results = [];
try {
  for (const url of process.argv.slice(2)) {
    const entry = { url, runs: [] };
    // A run that fails to record (NO_NAVSTART and the like, on a busy machine) is repeated, up to 3 times in all.
    for (let i = 0, failures = 0; i < runs; i++) {
      const result = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], output: "json", logLevel: "error" });
      const lhr = result?.lhr;
      if (!lhr || lhr.runtimeError) {
        if (++failures < 3) {
          i--;
          continue;
        }
        throw new Error(`Lighthouse failed on ${url}: ${lhr?.runtimeError?.message ?? "no result"}`);
      }
      entry.runs.push({
        score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        tbt: lhr.audits["total-blocking-time"]?.numericValue ?? null,
        lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? null,
        fcp: lhr.audits["first-contentful-paint"]?.numericValue ?? null,
      });
    }
    results.push(entry);
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
