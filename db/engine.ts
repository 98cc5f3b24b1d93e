/**
 * Which database engine this process runs on, decided once from its environment: `DATABASE_URL=postgres://…` selects
 * PostgreSQL, anything else (the default) the embedded SQLite file at `DATABASE_PATH`. One process never mixes the
 * two: the tables services import (db/schema/index.ts) are chosen here too.
 */
export type Engine = "sqlite" | "postgres";

export function engineFrom(source: Record<string, string | undefined>): Engine {
  return /^postgres(ql)?:\/\//i.test(source.DATABASE_URL?.trim() ?? "") ? "postgres" : "sqlite";
}

export const engine: Engine = engineFrom(process.env);

export const isPostgres = engine === "postgres";

/**
 * An instant as a bound value in hand-written SQL or a prepared statement's placeholder. The query builder converts
 * values compared with a column itself; a placeholder or a value in `sql` is passed to the driver as it is, and the
 * two engines store instants differently (SQLite: UTC milliseconds; PostgreSQL: timestamptz).
 */
export function instantParam(instant: Date): Date | number {
  return isPostgres ? instant : instant.getTime();
}
