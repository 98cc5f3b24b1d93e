import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const securityHeaders = [
  // Manage links carry their token in the path: never send it to another site. Not "no-referrer": that makes
  // browsers send "Origin: null" on plain form posts, and Next.js rightly refuses such server action requests,
  // which would break the flow without JavaScript.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  // forbidden() answers 403 for staff pages a role may not see.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages get X-Frame-Options from the proxy, which knows the sites allowed to embed them (proxy.ts).
      { source: "/api/:path*", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    ];
  },
};

export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
