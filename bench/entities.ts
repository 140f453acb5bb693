// Entity tagging quality and speed. On annotated documents (JSON Lines {id, text, entities: [{start,
// end, kind}]}), precision / recall / F1 per kind and overall, exact span and kind, for newsbot's
// card entities (every mention of an entity a card shows), all of newsbot's mentions (what search and
// clustering use), and compromise's people() / places() / organizations(), measured in the same run,
// on the tuning part and the held-out part (split by id hash, see splitOf) separately. Then the
// whole entity step's speed on the BBC articles, when that folder is there.
//
//   npm run bench:entities -- [FILE.jsonl] [--out SYSTEM.jsonl] [--bbc DIR]
//
// FILE defaults to ../shared/data/entities/gum-news.jsonl; --out writes, per document and in the same
// format, the mentions newsbot would show on a card.
import fs from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import nlp from "compromise";
import { findEntities } from "../src/core/nlp/entities.js";
import { dataDir, printTable, readCorpus } from "./data.js";
import { newsbotSpans, readEntityDocs, splitOf, trimmed, type EntityDoc, type GoldKind, type GoldSpan, type Split } from "./entity-data.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: "string" }, bbc: { type: "string" } },
});
const file = positionals[0] ?? join(dataDir(), "entities", "gum-news.jsonl");
if (!fs.existsSync(file)) {
  process.stderr.write(`${file} not found. Pass an annotated JSON Lines file, or set NEWSBOT_DATA to the folder that holds entities/.\n`);
  process.exit(2);
}
const docs = readEntityDocs(file);

function compromiseSpans(text: string): GoldSpan[] {
  const doc = nlp(text);
  const out: GoldSpan[] = [];
  const add = (matches: Array<{ offset: { start: number; length: number } }>, kind: GoldKind): void => {
    for (const m of matches) out.push({ start: m.offset.start, end: m.offset.start + m.offset.length, kind });
  };
  type Offsets = Array<{ offset: { start: number; length: number } }>;
  add(doc.people().json({ offset: true }) as Offsets, "person");
  add(doc.places().json({ offset: true }) as Offsets, "place");
  add(doc.organizations().json({ offset: true }) as Offsets, "organization");
  return out;
}

interface Tally {
  gold: number;
  found: number;
  right: number;
  /** Found, not right, but inside a gold mention of the same kind ("Mecca" of "Mecca's Grand Mosque",
   * "Houston, Texas" of "Johnson Space Center (JSC) in Houston, Texas"): GUM marks the outermost
   * mention only, a card names the entity all the same. */
  inside: number;
}
type Tallies = Record<GoldKind | "all", Tally>;
const emptyTallies = (): Tallies => ({
  person: { gold: 0, found: 0, right: 0, inside: 0 },
  place: { gold: 0, found: 0, right: 0, inside: 0 },
  organization: { gold: 0, found: 0, right: 0, inside: 0 },
  all: { gold: 0, found: 0, right: 0, inside: 0 },
});

function score(into: Tallies, gold: GoldSpan[], found: GoldSpan[]): void {
  const key = (s: GoldSpan) => `${s.start}:${s.end}:${s.kind}`;
  const golden = new Set(gold.map(key));
  for (const g of gold) [into[g.kind], into.all].forEach((t) => t.gold++);
  for (const f of new Map(found.map((s) => [key(s), s])).values()) {
    const right = golden.has(key(f)) ? 1 : 0;
    const inside = right === 0 && gold.some((g) => g.kind === f.kind && g.start <= f.start && f.end <= g.end) ? 1 : 0;
    for (const t of [into[f.kind], into.all]) {
      t.found++;
      t.right += right;
      t.inside += inside;
    }
  }
}

interface System {
  name: string;
  spans: (text: string) => GoldSpan[];
}
const systems: System[] = [
  { name: "newsbot cards", spans: (text) => newsbotSpans(text, true) },
  { name: "newsbot all mentions", spans: (text) => newsbotSpans(text, false) },
  { name: "compromise", spans: compromiseSpans },
];

// Load compromise and newsbot's tables before timing anything.
for (const s of systems) s.spans(docs[0]?.text ?? "");

const words = (docs: EntityDoc[]) => docs.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
const rows: Array<Array<string | number>> = [];
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "-");
for (const split of ["tune", "held-out"] as Split[]) {
  const part = docs.filter((d) => splitOf(d.id) === split);
  for (const system of systems) {
    const tallies = emptyTallies();
    const t = performance.now();
    const found = part.map((d) => system.spans(d.text));
    const seconds = (performance.now() - t) / 1000;
    part.forEach((d, i) => score(tallies, d.entities, found[i]!.map((s) => trimmed(d.text, s))));
    const cells = (["person", "place", "organization", "all"] as const).flatMap((k) => {
      const { gold, found, right } = tallies[k];
      const p = right / found;
      const r = right / gold;
      return k === "all" ? [f3(p), f3(r), f3((2 * p * r) / (p + r))] : [`${f3(p)} / ${f3(r)}`];
    });
    const inside = (["person", "place", "organization", "all"] as const).map((k) => f3((tallies[k].right + tallies[k].inside) / tallies[k].found)).join(" ");
    rows.push([split, `${part.length} docs, ${tallies.all.gold}`, system.name, ...cells, inside, Math.round(words(part) / seconds).toLocaleString("en")]);
  }
}
console.log(`${docs.length} documents from ${file}; exact span and kind; person/place/organization as precision / recall`);
console.log("P inside gold: precision per kind (person place organization all) counting also a mention inside a gold mention of its kind");
printTable(["part", "documents, gold", "system", "person P / R", "place P / R", "organization P / R", "P", "R", "F1", "P inside gold", "words/s"], rows, 3);

if (values.out) {
  const lines = docs.map((d) => JSON.stringify({ id: d.id, text: d.text, entities: newsbotSpans(d.text, true) }));
  fs.writeFileSync(values.out, `${lines.join("\n")}\n`);
  console.log(`card entities written to ${values.out}`);
}

// The entity step on whole articles, as ingest runs it.
const bbcDir = values.bbc ?? join(dataDir(), "bbc-news-summary");
if (!fs.existsSync(bbcDir)) {
  console.log(`\n(no speed table: ${bbcDir} not found; pass --bbc DIR)`);
} else {
  const articles = await readCorpus(join(bbcDir, "News Articles"));
  const rounds = 5;
  let entities = 0;
  const cpuMs: number[] = [];
  const t = performance.now();
  for (let r = 0; r < rounds; r++) {
    const cpu = process.cpuUsage();
    for (const a of articles) entities += findEntities(a).length;
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000 / articles.length);
  }
  const runs = rounds * articles.length;
  const ms = (performance.now() - t) / runs;
  // CPU time is steadier than wall time on a shared machine (it includes GC threads, so it can exceed
  // it); the best round is the least disturbed by other processes.
  const mean = cpuMs.reduce((a, b) => a + b, 0) / rounds;
  console.log(`\nfindEntities on ${articles.length} BBC articles x ${rounds} rounds (${bbcDir})`);
  printTable(
    ["articles/s (wall)", "ms/article (wall)", "cpu ms/article", "best round cpu ms/article", "entities/article"],
    [[Math.round(1000 / ms), ms.toFixed(3), mean.toFixed(3), Math.min(...cpuMs).toFixed(3), (entities / runs).toFixed(1)]],
    0,
  );
}
