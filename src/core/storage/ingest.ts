// Story assignment over any engine: lock, load the story index (the window only), assign each
// article, store the batch, save the index changes, all in one unit of work. The clusterer is kept
// between units while the index's generation says nobody else changed it (another process ingesting
// beside the bot), so a running bot loads the index once, and a command that only reads never does.
import type { StoryClusterer } from "../cluster/clusterer.js";
import { clusterConfig, type ClusterConfig } from "../cluster/config.js";
import { outletOf } from "../outlet.js";
import type { AddOutcome, DedupeKeys, Duplicate, NewArticle, PlacedBatch } from "./articles.js";
import type { Storage } from "./index.js";
import type { StoryIndexStore } from "./story-index.js";
import type { IngestTransaction } from "./unit-of-work.js";

/** When the news happened as far as newsbot knows: a date after newsbot received the article is a
 * feed's clock or zone error, so the arrival is used then, and for undated articles. */
export function newsTimeOf(article: Pick<NewArticle, "publishedAt" | "storedAt">): Date {
  const stored = article.storedAt.getTime();
  const published = article.publishedAt?.getTime();
  return new Date(published === undefined ? stored : Math.min(published, stored));
}

/** The clusterer as the index holds it. Articles stored before clustering existed are indexed first. */
async function loadClusterer(index: StoryIndexStore, config: ClusterConfig): Promise<StoryClusterer> {
  // Loaded here: only what assigns stories needs the clusterer, not every command that opens storage.
  const { activeSince, StoryClusterer } = await import("../cluster/clusterer.js");
  const latest = await index.latestNewsAt();
  const since = latest === undefined ? Number.MIN_SAFE_INTEGER : activeSince(latest, config);
  const clusterer = new StoryClusterer(config, await index.load({ since, signaturesPerStory: config.maxSignaturesPerStory }));
  const unsigned = await index.unsigned();
  for (const article of unsigned) {
    const features = clusterer.features(article);
    clusterer.record(article.id, article.storyId, features, article.newsAt);
    await index.sign(article.id, features.signature);
  }
  if (unsigned.length > 0) await index.save(clusterer.takeChanges());
  return clusterer;
}

/** Articles stored earlier in the same batch, by dedupe key: they are not in `findDuplicates`' answer. */
class BatchKeys {
  readonly #urls = new Map<string, number>();
  readonly #hashes = new Map<string, number>();

  remember(keys: DedupeKeys, articleId: number): void {
    if (keys.canonicalUrl) this.#urls.set(keys.canonicalUrl, articleId);
    this.#hashes.set(keys.contentHash, articleId);
  }

  /** The URL is compared before the content, in the store and in the batch alike. */
  duplicate(keys: DedupeKeys, stored: Duplicate | undefined): Duplicate | undefined {
    if (stored?.matchedOn === "url") return stored;
    const sameUrl = keys.canonicalUrl === undefined ? undefined : this.#urls.get(keys.canonicalUrl);
    if (sameUrl !== undefined) return { status: "duplicate", articleId: sameUrl, matchedOn: "url" };
    if (stored) return stored;
    const sameContent = this.#hashes.get(keys.contentHash);
    return sameContent === undefined ? undefined : { status: "duplicate", articleId: sameContent, matchedOn: "content" };
  }
}

export class Ingest {
  private readonly config: ClusterConfig;
  #loaded: { generation: number; clusterer: StoryClusterer } | undefined;

  constructor(
    private readonly storage: Pick<Storage, "articles" | "ingest">,
    cluster: Partial<ClusterConfig> = {},
  ) {
    this.config = clusterConfig(cluster);
  }

  /** For each key, the stored article it duplicates: lets ingest skip work on known articles. */
  findDuplicates(keys: DedupeKeys[]): Promise<Array<Duplicate | undefined>> {
    return this.storage.articles.findDuplicates(keys);
  }

  /** Stores new articles in one unit of work, each in its story; exact duplicates (same canonical
   * URL or content, stored or earlier in the batch) are skipped, near-duplicates kept as copies. */
  async addArticles(articles: NewArticle[]): Promise<AddOutcome[]> {
    if (articles.length === 0) return [];
    try {
      return await this.storage.ingest(async (tx) => {
        const { generation, clusterer } = await this.#clusterer(tx.storyIndex);
        const outcomes = await this.#place(tx, clusterer, articles);
        const changes = clusterer.takeChanges();
        // Stories an article tied together become one in the store too (the batch is stored: its
        // articles placed in a folded story move with the rest), and the outcomes name the story now.
        const folded = changes.folded ?? [];
        const into = new Map<number, number>();
        for (const [from, to] of folded) {
          await tx.storyIndex.fold(to, from);
          into.set(from, to);
        }
        const current = (storyId: number): number => {
          let id = storyId;
          while (into.has(id)) id = into.get(id)!;
          return id;
        };
        // Copies and duplicates teach the clusterer nothing: the index, and its generation, stay.
        const learnt = changes.stories.length > 0 || changes.documentFrequencies.length > 0 || folded.length > 0;
        this.#loaded = { generation: learnt ? await tx.storyIndex.save(changes) : generation, clusterer };
        return folded.length === 0 ? outcomes : outcomes.map((o) => (o.status === "duplicate" ? o : { ...o, storyId: current(o.storyId) }));
      });
    } catch (error) {
      // The unit rolled back: what the clusterer learnt from it is forgotten with it.
      this.#loaded = undefined;
      throw error;
    }
  }

  async #clusterer(index: StoryIndexStore): Promise<{ generation: number; clusterer: StoryClusterer }> {
    const generation = await index.generation();
    if (this.#loaded?.generation === generation) return this.#loaded;
    this.#loaded = undefined;
    const clusterer = await loadClusterer(index, this.config);
    // Indexing articles from before clustering saved the index: its generation moved on.
    return { generation: await index.generation(), clusterer };
  }

  /** Places each article (ids are taken in order, as the engine would give them) and writes the batch
   * at the end: the clusterer refers to articles and stories before they are stored. */
  async #place(tx: IngestTransaction, clusterer: StoryClusterer, articles: NewArticle[]): Promise<AddOutcome[]> {
    const stored = await tx.articles.findDuplicates(articles);
    const next = await tx.articles.nextIds();
    const keys = new BatchKeys();
    const batch: PlacedBatch = { stories: [], articles: [], copies: [] };
    const outcomes: AddOutcome[] = [];
    for (const [i, article] of articles.entries()) {
      const duplicate = keys.duplicate(article, stored[i]);
      if (duplicate) {
        outcomes.push(duplicate);
        continue;
      }
      const newsAt = newsTimeOf(article);
      const outlet = outletOf(article);
      const features = clusterer.features(article);
      const assignment = clusterer.assign(features, newsAt);
      if (assignment.kind === "near-duplicate") {
        const { articleId, storyId } = assignment;
        batch.copies.push({ ...article, articleId, storyId, outlet });
        keys.remember(article, articleId);
        outcomes.push({ status: "copy", articleId, storyId });
        continue;
      }
      const articleId = next.article++;
      let storyId: number;
      if (assignment.kind === "join") {
        storyId = assignment.storyId;
        for (const from of assignment.folds ?? []) clusterer.fold(storyId, from);
      } else {
        storyId = next.story++;
        batch.stories.push({ id: storyId, headline: article.title, createdAt: article.storedAt, updatedAt: newsAt });
      }
      batch.articles.push({ ...article, id: articleId, storyId, newsAt, signature: features.signature, outlet });
      clusterer.record(articleId, storyId, features, newsAt);
      keys.remember(article, articleId);
      outcomes.push({ status: "added", articleId, storyId });
    }
    if (batch.articles.length > 0 || batch.copies.length > 0) await tx.articles.store(batch);
    return outcomes;
  }
}
