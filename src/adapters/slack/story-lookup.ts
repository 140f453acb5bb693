// A button names its story by id, as a string: the story's card now, from the newsroom.
import type { StoryCard } from "../../core/card.js";
import type { Newsroom } from "../../core/newsroom.js";
import { storyNumber } from "../../core/discussion.js";

/** The story's card as it is now, or undefined when the id is not a story's or it is gone. */
export async function storyCardById(newsroom: Newsroom, storyId: string): Promise<StoryCard | undefined> {
  const id = storyNumber(storyId);
  return id === undefined ? undefined : newsroom.storyCard(id);
}
