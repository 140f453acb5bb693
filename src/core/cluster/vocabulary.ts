// The clusterer's terms as small integers, with their document frequencies: its hot loops (cosine
// against every candidate story, re-ranking a centroid) read typed arrays by term id instead of
// hashing a string per term. It grows with every new term until the clusterer compacts it.
export class Vocabulary {
  #ids = new Map<string, number>();
  #terms: string[] = [];
  #df = new Int32Array(1024);
  /** 1 for a term `flagged` accepts (the clusterer's entity features), by id: read without a string test. */
  #flags = new Uint8Array(1024);

  /** `flagged` marks some terms once, when first seen (isFlagged). */
  constructor(private readonly flagged: (term: string) => boolean = () => false) {}

  /** Terms known (ids are 0 .. size - 1). */
  get size(): number {
    return this.#terms.length;
  }

  /** The term's id, or undefined for a term no recorded article or story has. */
  idOf(term: string): number | undefined {
    return this.#ids.get(term);
  }

  /** The term's id, added (with document frequency 0) when new. */
  intern(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.#terms.length;
      this.#ids.set(term, id);
      this.#terms.push(term);
      if (id >= this.#df.length) {
        const grown = new Int32Array(this.#df.length * 2);
        grown.set(this.#df);
        this.#df = grown;
        const flags = new Uint8Array(this.#df.length);
        flags.set(this.#flags);
        this.#flags = flags;
      }
      if (this.flagged(term)) this.#flags[id] = 1;
    }
    return id;
  }

  /** Whether the constructor's `flagged` accepts the term. */
  isFlagged(id: number): boolean {
    return this.#flags[id] === 1;
  }

  term(id: number): string {
    return this.#terms[id]!;
  }

  /** Recorded articles that have the term. */
  df(id: number): number {
    return this.#df[id]!;
  }

  setDf(id: number, df: number): void {
    this.#df[id] = df;
  }

  /** Keeps only the terms `keep` accepts, renumbered in their old order. Returns old id -> new id,
   * -1 for a term dropped. */
  compact(keep: (id: number) => boolean): Int32Array {
    const remap = new Int32Array(this.#terms.length).fill(-1);
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const df = new Int32Array(Math.max(1024, this.#terms.length));
    const flags = new Uint8Array(df.length);
    this.#terms.forEach((term, id) => {
      if (!keep(id)) return;
      remap[id] = terms.length;
      ids.set(term, terms.length);
      df[terms.length] = this.#df[id]!;
      flags[terms.length] = this.#flags[id]!;
      terms.push(term);
    });
    this.#ids = ids;
    this.#terms = terms;
    this.#df = df;
    this.#flags = flags;
    return remap;
  }

  /** [term, document frequency] of every term some recorded article has, in the order first seen. */
  frequencies(): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    this.#terms.forEach((term, id) => {
      if (this.#df[id]! > 0) out.push([term, this.#df[id]!]);
    });
    return out;
  }
}
