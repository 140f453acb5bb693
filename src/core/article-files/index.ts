// Reading article files: list them, read one, or parse bytes already in memory, in every format newsbot
// takes (raw scraped text, JSON / JSON Lines, headline-first text, and feed files through core/feeds).
export type { ArticleFormat, FileArticles, IngestDefaults, Rejection } from "./types.js";
export { MAX_ARTICLE_FILE_BYTES } from "./limits.js";
export { parseArticleFile } from "./parse.js";
export { listArticleFiles, readArticleFile } from "./files.js";
