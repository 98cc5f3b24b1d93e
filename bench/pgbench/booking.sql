-- What a booking asks of PostgreSQL, without the app: the statements one online booking sent before 2026-12-01's
-- opening in one round trip (db/postgres.ts), in the same order, with values of the same shape, for pgbench:
--
--   /usr/lib/postgresql/15/bin/pgbench -h 127.0.0.1 -p PORT -U postgres -n -M prepared -f bench/pgbench/booking.sql -c 10 -j 2 -T 10 DATABASE
--
-- DATABASE is one that bench/prepare-engine.ts prepared (the benchmark's 3 locations and 10,000 bookings). The inserts
-- add rows two months ahead, outside the times the benchmark books; drop the database afterwards.
\set loc random(1, 3)
\set r random(1, 2000000000)
\set day random(0, 29)
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('lock_timeout', '5000ms', true), pg_advisory_xact_lock_shared(1416914775), pg_advisory_xact_lock(hashtextextended('location:' || :loc, 0)), pg_advisory_xact_lock(hashtextextended('mailbox:' || :r, 0));
SELECT * FROM bookings WHERE manage_token_hash = 'h' || :r;
SELECT key, value FROM data_revisions;
SELECT count(*) FROM bookings WHERE mailbox = 'm' || :r AND (status = 'booked' OR (status = 'held' AND hold_purpose = 'confirmation')) AND starts_at > now();
SELECT b.id, b.starts_at, b.ends_at, b.channel, i.concern_id FROM bookings b JOIN booking_items i ON i.booking_id = b.id WHERE b.location_id = :loc AND b.status IN ('booked', 'checked_in', 'done', 'no_show', 'held') AND b.starts_at >= date_trunc('day', now()) + (:day + 10) * interval '1 day' + interval '7 hours' - interval '24 hours' AND b.starts_at < date_trunc('day', now()) + (:day + 10) * interval '1 day' + interval '7 hours 20 minutes' AND b.ends_at > date_trunc('day', now()) + (:day + 10) * interval '1 day' + interval '7 hours' ORDER BY b.starts_at, b.id;
INSERT INTO bookings (reference_code, manage_token_hash, status, channel, location_id, starts_at, ends_at, citizen_name, email, mailbox, language, created_at, updated_at) VALUES (md5(random()::text), md5(random()::text), 'booked', 'online', :loc, now() + interval '70 days', now() + interval '70 days 10 minutes', 'Bench', 'bench@example.org', 'bench@example.org', 'de', now(), now()) RETURNING id \gset
INSERT INTO booking_items (booking_id, concern_id, quantity, duration_minutes, fee_cents) VALUES (:id, 1, 1, 10, 1000);
INSERT INTO email_outbox (kind, booking_id, recipient, subject, html, text, attachments, status, next_attempt_at, created_at) VALUES ('booking_confirmation', :id, 'bench@example.org', 'Ihr Termin', repeat('x', 4500), repeat('x', 2000), '[]', 'pending', now(), now());
COMMIT;
