-- Hand-written: request budgets skip the write-ahead log. Every request to a limited route counts itself with an
-- upsert here, and a logged commit waits for the disk flush each time; the counters are worth seconds to minutes
-- (rate limits, db/schema-pg/rate-limits.ts). The price: after a crash of the database server, or on a standby after a
-- fail-over, the table starts empty, so every client's budget starts over once. No booking or personal data is here.
ALTER TABLE "rate_limits" SET UNLOGGED;
