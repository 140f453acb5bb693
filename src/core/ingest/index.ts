// Public API of article ingest: list article files, read one, or parse bytes already in memory.
export type { ArticleFormat, FileArticles, IngestDefaults, Rejection } from "./types.js";
export { MAX_ARTICLE_FILE_BYTES } from "./limits.js";
export { parseArticleFile } from "./parse.js";
export { listArticleFiles, readArticleFile } from "./files.js";
