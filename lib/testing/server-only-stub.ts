// Stands in for the `server-only` marker package under Vitest, where no React Server Component boundary exists.
export {};
