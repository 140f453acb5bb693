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
  /** The same columns read by hand, for the rows every command reads (articles, ./article.ts): a time
   * as a Date, a JSON column's value; undefined when the column holds something else. */
  read: {
    time(value: unknown): Date | undefined;
    json(value: unknown): unknown;
  };
}

export const postgresColumns: Columns = {
  time: z.date(),
  json: (schema) => schema,
  flag: z.boolean(),
  read: {
    time: (value) => (value instanceof Date ? value : undefined),
    json: (value) => value,
  },
};

export const sqliteColumns: Columns = {
  time: z.number().transform((ms) => new Date(ms)),
  json: (schema) =>
    z
      .string()
      .transform((text): unknown => JSON.parse(text))
      .pipe(schema),
  flag: z.number().transform((value) => value === 1),
  read: {
    time: (value) => (typeof value === "number" ? new Date(value) : undefined),
    // Text that is not JSON reads as undefined, which the row's check then refuses by column.
    json: (value) => {
      if (typeof value !== "string") return undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
    },
  },
};
