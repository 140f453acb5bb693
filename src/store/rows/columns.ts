// How each engine hands back the columns it keeps differently: Postgres returns times as Dates and
// JSON columns parsed, SQLite returns milliseconds and JSON text. The row schemas in this folder take
// one of these, so each table's row -> domain mapping is written once for both engines.
import { z } from "zod";

export interface Columns {
  /** A time column, read as a Date. */
  time: z.ZodType<Date>;
  /** A JSON column holding what `schema` describes. */
  json<T>(schema: z.ZodType<T>): z.ZodType<T>;
  /** A yes/no column: a boolean on Postgres, 0 or 1 on SQLite. */
  flag: z.ZodType<boolean>;
}

export const postgresColumns: Columns = {
  time: z.date(),
  json: (schema) => schema,
  flag: z.boolean(),
};

export const sqliteColumns: Columns = {
  time: z.number().transform((ms) => new Date(ms)),
  json: (schema) =>
    z
      .string()
      .transform((text): unknown => JSON.parse(text))
      .pipe(schema),
  flag: z.number().transform((value) => value === 1),
};
