// Feed software's boilerplate lines stay out of article text; prose using the same words stays in.
import { describe, expect, it } from "vitest";
import { withoutBoilerplate } from "../../src/core/boilerplate.js";

const STORY = "The harbour authority raised its pay offer on Monday.\n\nDock workers voted to end the strike.";

describe("withoutBoilerplate", () => {
  it.each([
    ["Reddit's link-post footer, on two lines", "submitted by cakebeerandmorebeer to funny\n[link] [275 comments]"],
    ["Reddit's footer with /u/ and r/ and a comma in the count", "submitted by /u/somebody to r/worldnews [link] [1,204 comments]"],
    ["Reddit's newer footer, without a count", "submitted by /u/somebody to r/news\n[link] [comments]"],
    ["WordPress's feed footer", "The post Harbour strike ends after three weeks appeared first on Harbour Gazette."],
    ["Medium's feed footer", "Harbour strike ends was originally published in Harbour Notes on Medium, where people are continuing the conversation by highlighting and responding to this story."],
    ["a 'Continue reading' label", "Continue reading..."],
    ["a 'Read more' label with an arrow", "Read more »"],
    ["a 'Read more:' link to another story", "Read more: Port strike: what the deal means for shoppers"],
    ["WordPress's 'Continue reading' link with the post's title", "Continue reading Harbour strike ends →"],
    ["a '(more…)' link", "(more…)"],
    ["a 'Related:' link", "Related: Port strike: what the deal means for shoppers"],
    ["a share bar", "Share this:\n• Click to share on Twitter (Opens in new window)\n• Click to share on Facebook (Opens in new window)\nLike this:\nLike Loading..."],
    ["a newsletter prompt", "Subscribe to our newsletter for the latest updates"],
    ["an email sign-up", "Sign up here to get an email whenever new cartoons are published"],
    ["a social prompt", "Follow us on Twitter @harbourgazette"],
  ])("drops %s", (_what, boilerplate) => {
    expect(withoutBoilerplate(`${STORY}\n\n${boilerplate}`)).toBe(STORY);
    expect(withoutBoilerplate(`${boilerplate}\n\n${STORY}`)).toBe(STORY);
  });

  it("leaves nothing of a text that is only boilerplate: the item is headline-only", () => {
    expect(withoutBoilerplate("submitted by aquamine to pics\n[link] [431 comments]")).toBe("");
  });

  it.each([
    "The plan was submitted by the mayor to the council on Tuesday, and councillors will vote next week.",
    "Readers can subscribe to the newsletter at any library, the council said.",
    "Read more slowly, the teacher advised, and the pupils' scores rose by a fifth.",
    "The post about the strike appeared first on Facebook, police said, before it was deleted.",
    "Share prices rose by 4% after the deal was announced.",
    "Follow us on the long road to the summit, the guide told the group.",
  ])("keeps prose that uses the same words: %s", (sentence) => {
    expect(withoutBoilerplate(`${STORY}\n\n${sentence}`)).toBe(`${STORY}\n\n${sentence}`);
  });
});
