// What a button needs to know about a story it names only by id: its card now, the topic "More like
// this" asks for, and which of a channel's topics it matched (the one "Unsubscribe" offers).
import type { StoryCard } from "../../core/card.js";
import type { Newsroom } from "../../core/newsroom.js";
import { parseTopicQuery } from "../../core/search.js";
import { storyIds } from "./discussions.js";

/** Articles read to rebuild a card, as the newsroom's own cards read. */
const CARD_ARTICLES = 10;
/** Headline words a "More like this" search keeps when the story names nobody. */
const HEADLINE_WORDS = 6;

/** The story's card as it is now, or undefined when the story is no longer stored. */
export async function storyCardById(newsroom: Newsroom, storyId: string): Promise<StoryCard | undefined> {
  const [id] = storyIds([storyId]);
  if (id === undefined) return undefined;
  const articles = (await newsroom.store.storyArticles([id], CARD_ARTICLES)).get(id) ?? [];
  if (articles.length === 0) return undefined;
  const [card] = await newsroom.storyCards([{ id, articles }]);
  return card;
}

/** The topic of "More like this": the story's lead person, place or organisation (its entities come
 * most mentioned first), else the meaningful words of its headline. */
export function moreLikeThisTopic(card: StoryCard): string {
  const lead = card.entities[0]?.name;
  if (lead) return lead;
  return parseTopicQuery(card.headline).words.slice(0, HEADLINE_WORDS).join(" ") || card.headline;
}

/** The first of `topics` the story's articles match, as the briefing chose them. */
export async function matchedTopic(newsroom: Newsroom, storyId: string, topics: readonly string[]): Promise<string | undefined> {
  const [id] = storyIds([storyId]);
  if (id === undefined || topics.length === 0) return undefined;
  const articles = (await newsroom.store.storyArticles([id], CARD_ARTICLES)).get(id) ?? [];
  const articleIds = articles.map((a) => a.id);
  for (const topic of topics) {
    if ((await newsroom.store.matchingArticles(parseTopicQuery(topic).query, articleIds)).size > 0) return topic;
  }
  return undefined;
}
