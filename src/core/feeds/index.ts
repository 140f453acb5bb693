// Public API of feed parsing: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed bytes -> articles.
export { looksLikeFeed, MAX_FEED_BYTES, parseFeed, TEASER_MAX_WORDS } from "./parse.js";
export type { FeedFormat, FeedItem, ParsedFeed, ParseFeedOptions } from "./parse.js";
