// What a table's code needs only when it is used, made then, not when the store opens: a command
// that reads one table should not compile the SQL of every other (each prepare parses and plans its
// statement), nor build the row schemas of tables it never reads.

/**
 * An object with one property per maker, each the maker's result, made on the first read of that
 * property and kept: `lazily({ byId: () => db.prepare(...) })`. A maker that throws (SQL that does not
 * fit the schema) throws at that first read, and again at the next.
 */
export function lazily<T extends object>(makers: { readonly [K in keyof T]: () => T[K] }): T {
  const made = {} as T;
  for (const key of Object.keys(makers) as (keyof T & string)[]) {
    Object.defineProperty(made, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = makers[key]();
        Object.defineProperty(made, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return made;
}

/** The function `make()` returns, made at the first call (a row reader and its schema). */
export function madeAtFirstCall<A extends unknown[], R>(make: () => (...args: A) => R): (...args: A) => R {
  let made: ((...args: A) => R) | undefined;
  return (...args) => (made ??= make())(...args);
}
