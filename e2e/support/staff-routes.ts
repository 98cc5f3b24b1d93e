import { readdirSync } from "node:fs";
import path from "node:path";

/** Routes under app/staff, as URL paths with their dynamic segments still in brackets; the sign-in page is open. */
export function staffRoutes(): string[] {
  const root = path.join(process.cwd(), "app", "staff");
  const found: string[] = [];
  const walk = (directory: string, segments: string[]) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(directory, entry.name), [...segments, entry.name]);
      else if (/^(page|route)\.tsx?$/.test(entry.name)) {
        // Route groups such as (area) do not appear in the URL.
        found.push("/" + ["staff", ...segments.filter((s) => !/^\(.*\)$/.test(s))].join("/"));
      }
    }
  };
  walk(root, []);
  return found.filter((route) => route !== "/staff/login").sort();
}
