import { describe, expect, it } from "vitest";
import { StoryClusterer, type Assignment } from "../../../src/core/cluster/clusterer.js";
import type { ArticleFeatures, ClusterArticle } from "../../../src/core/cluster/features.js";
import { article, at, chipReport, footballReport, ownReport, wire, wireRepublished } from "./fixtures.js";

/** Runs articles through assign + record as the store does: a new story takes the next id. */
function ingest(clusterer: StoryClusterer, articles: ClusterArticle[], firstArticleId = 1, nextStory = { id: 1 }): Assignment[] {
  return articles.map((a, i) => {
    const features = clusterer.features(a);
    const decision = clusterer.assign(features, a.newsAt);
    const storyId = decision.kind === "new" ? nextStory.id++ : decision.storyId;
    clusterer.record(firstArticleId + i, storyId, features, a.newsAt);
    return decision;
  });
}

const dated = (a: ClusterArticle, newsAt: Date): ClusterArticle => ({ ...a, newsAt });

describe("StoryClusterer", () => {
  it("recognises the same wire copy re-published with small edits as a near-duplicate", () => {
    const clusterer = new StoryClusterer();
    const [first, second] = ingest(clusterer, [wire, wireRepublished]);
    expect(first).toEqual({ kind: "new", bestSimilarity: 0 });
    expect(second).toMatchObject({ kind: "near-duplicate", articleId: 1, storyId: 1 });
    expect((second as { similarity: number }).similarity).toBeGreaterThanOrEqual(clusterer.config.nearDuplicateThreshold);
  });

  it("joins a different article on the same event to the story, without calling it a near-duplicate", () => {
    const clusterer = new StoryClusterer();
    const [, second] = ingest(clusterer, [wire, ownReport]);
    expect(second).toMatchObject({ kind: "join", storyId: 1 });
    expect((second as { similarity: number }).similarity).toBeGreaterThanOrEqual(clusterer.config.joinThreshold);
  });

  it("starts a new story for unrelated news", () => {
    const clusterer = new StoryClusterer();
    const decisions = ingest(clusterer, [wire, ownReport, footballReport, chipReport]);
    expect(decisions.map((d) => d.kind)).toEqual(["new", "join", "new", "new"]);
    expect(decisions[2]!.kind === "new" && decisions[2]!.bestSimilarity).toBeLessThan(clusterer.config.joinThreshold);
    expect(clusterer.activeStoryIds()).toEqual([1, 2, 3]);
  });

  it("does not join a story whose last article is older than the window, and evicts it", () => {
    const clusterer = new StoryClusterer({ windowDays: 7, lateDays: 2 });
    ingest(clusterer, [dated(wire, at(0))]);
    const late = ingest(clusterer, [dated(ownReport, at(10))], 2, { id: 2 });
    expect(late[0]).toMatchObject({ kind: "new" });
    // The old story is gone from memory, and from the state the store would persist as active.
    expect(clusterer.activeStoryIds()).toEqual([2]);
    expect(clusterer.state().stories.map((s) => s.id)).toEqual([2]);
    expect(clusterer.state().recentArticles.map((s) => s.articleId)).toEqual([2]);
    // Document frequencies are global: they keep counting the evicted story's article.
    expect(clusterer.state().documents).toBe(2);
  });

  it("forgets the rarest terms past maxTerms, never an active story's, and a forgotten term counts again from one", () => {
    // One short article a day about a council, each with words of its own ("zqa0", "zqb0", ...).
    const own = (day: number) => ["a", "b", "c", "d", "e", "f"].map((letter) => `zq${letter}${day}`).join(" ");
    const daily = (day: number) => article(own(day), `The council met. ${own(day)}.`, at(day));
    const clusterer = new StoryClusterer({ maxTerms: 40, windowDays: 1, lateDays: 0 });
    const decisions = ingest(clusterer, Array.from({ length: 30 }, (_, day) => daily(day)));
    expect(decisions.every((d) => d.kind === "new")).toBe(true);
    let frequencies = clusterer.state().documentFrequencies;
    expect(frequencies.size).toBeLessThanOrEqual(40);
    // Common words stay with their full counts; the first days' own words are gone.
    expect(frequencies.get("council")).toBe(30);
    expect(frequencies.has("zqa0")).toBe(false);
    // The store is told to delete what was forgotten.
    expect(clusterer.takeChanges().documentFrequencies).toContainEqual(["zqa0", 0]);
    // Every term of the active story's centroid keeps its count.
    for (const term of Object.keys(clusterer.state().stories[0]!.terms)) expect(frequencies.has(term)).toBe(true);
    // A clusterer built from the state decides exactly as this one does.
    const probe = daily(29);
    const rebuilt = new StoryClusterer(clusterer.config, clusterer.state());
    expect(rebuilt.candidates(rebuilt.features(probe), probe.newsAt)).toEqual(clusterer.candidates(clusterer.features(probe), probe.newsAt));
    // Day 0's words come back on day 30: counted from one.
    ingest(clusterer, [{ ...daily(0), newsAt: at(30) }], 31, { id: 31 });
    frequencies = clusterer.state().documentFrequencies;
    expect(frequencies.get("zqa0")).toBe(1);
    expect(frequencies.get("council")).toBe(31);
  });

  it("still joins an article that arrives late, a few days older than the newest one", () => {
    const clusterer = new StoryClusterer({ windowDays: 7, lateDays: 2 });
    const decisions = ingest(clusterer, [dated(wire, at(5)), dated(footballReport, at(8)), dated(ownReport, at(4))]);
    expect(decisions.map((d) => d.kind)).toEqual(["new", "new", "join"]);
    const profile = clusterer.state().stories.find((s) => s.id === 1)!;
    expect(profile).toMatchObject({ articles: 2, startedAt: at(4).getTime(), updatedAt: at(5).getTime() });
  });

  it("does not join an article to a story that began more than the window after it", () => {
    const clusterer = new StoryClusterer({ windowDays: 7, lateDays: 30 });
    const decisions = ingest(clusterer, [dated(wire, at(20)), dated(ownReport, at(5))]);
    expect(decisions.map((d) => d.kind)).toEqual(["new", "new"]);
  });

  it("works for undated corpora: every article at the same time", () => {
    const clusterer = new StoryClusterer();
    const decisions = ingest(clusterer, [wire, footballReport, ownReport, chipReport, wireRepublished]);
    expect(decisions.map((d) => d.kind)).toEqual(["new", "new", "join", "new", "near-duplicate"]);
  });

  it("looks at no more than maxCandidates stories", () => {
    // Every paragraph of the two fire reports as its own story (nothing joins at a threshold of 1).
    const clusterer = new StoryClusterer({ maxCandidates: 3, joinThreshold: 1, entityJoinThreshold: 1, nearDuplicateThreshold: 1 });
    const paragraphs = [wire, ownReport].flatMap((a) => a.body.split("\n\n").map((p, i) => article(`${a.title} (${i + 1})`, p)));
    ingest(clusterer, paragraphs);
    expect(clusterer.activeStoryIds()).toHaveLength(paragraphs.length);
    const candidates = clusterer.candidates(clusterer.features(wireRepublished), wireRepublished.newsAt);
    expect(candidates).toHaveLength(3);
    expect(candidates[0]!.similarity).toBeGreaterThanOrEqual(candidates[2]!.similarity);
  });

  it("is deterministic: the same articles in the same order give the same assignments and state", () => {
    const articles = [wire, footballReport, ownReport, chipReport, wireRepublished];
    const a = new StoryClusterer();
    const b = new StoryClusterer();
    expect(ingest(a, articles)).toEqual(ingest(b, articles));
    expect(a.state()).toEqual(b.state());
  });

  it("rebuilt from a copy of its state, decides the same", () => {
    const original = new StoryClusterer();
    ingest(original, [wire, footballReport]);
    const rebuilt = new StoryClusterer({}, structuredClone(original.state()));
    expect(rebuilt.state()).toEqual(original.state());

    const more = [ownReport, chipReport, wireRepublished];
    const fromOriginal = ingest(original, more, 3, { id: 3 });
    const fromRebuilt = ingest(rebuilt, more, 3, { id: 3 });
    expect(fromRebuilt).toEqual(fromOriginal);
    expect(fromRebuilt.map((d) => d.kind)).toEqual(["join", "new", "near-duplicate"]);
    expect(rebuilt.state()).toEqual(original.state());
  });

  it("assign changes nothing", () => {
    const clusterer = new StoryClusterer();
    ingest(clusterer, [wire]);
    const before = structuredClone(clusterer.state());
    clusterer.assign(clusterer.features(ownReport), ownReport.newsAt);
    expect(clusterer.state()).toEqual(before);
  });

  it("hands the store what changed since the last time it asked", () => {
    const clusterer = new StoryClusterer();
    const features = clusterer.features(wire);
    clusterer.record(1, 1, features, wire.newsAt);
    const changes = clusterer.takeChanges();
    const profile = changes.stories[0]!;
    expect(changes.documents).toBe(1);
    expect(changes.documentFrequencies).toEqual(Object.keys(features.terms).sort().map((term) => [term, 1]));
    expect(changes.stories).toEqual(clusterer.state().stories);
    expect(profile).toMatchObject({ id: 1, articles: 1, startedAt: wire.newsAt.getTime(), updatedAt: wire.newsAt.getTime() });

    clusterer.record(2, 1, clusterer.features(ownReport), ownReport.newsAt);
    const next = clusterer.takeChanges();
    expect(next.documents).toBe(2);
    expect(next.stories.map((s) => [s.id, s.articles])).toEqual([[1, 2]]);
    expect(next.documentFrequencies).toContainEqual(["e:ahmed aboutaleb", 2]);
    expect(clusterer.takeChanges()).toMatchObject({ documentFrequencies: [], stories: [] });
  });

  it("keeps a story's centroid to maxProfileTerms terms", () => {
    const clusterer = new StoryClusterer({ maxProfileTerms: 10 });
    clusterer.record(1, 1, clusterer.features(wire), wire.newsAt);
    expect(Object.keys(clusterer.state().stories[0]!.terms)).toHaveLength(10);
  });

  describe("joining below joinThreshold needs the article's lead actor among the story's key actors", () => {
    const person = (name: string, mentions: number) => ({ kind: "person" as const, name, mentions });
    const firstLady = (title: string, body: string, entities: ClusterArticle["entities"]): ClusterArticle => ({ title, body, entities, newsAt: at(0) });
    const story = firstLady("First lady opens school garden", "The first lady planted vegetables with pupils at the school garden in Chicago.", [
      person("Michelle Obama", 6),
      person("Marian Robinson", 1),
    ]);
    const sameLead = firstLady("First lady praises pupils", "The first lady thanked the pupils for the school garden.", [person("Michelle Obama", 3)]);
    const otherLead = firstLady("President visits school", "The president toured the school garden in Chicago with pupils.", [
      person("Barack Obama", 5),
      person("Joe Biden", 1),
    ]);
    // Word overlap alone never reaches 1; the lower threshold lets any shared word through.
    const settings = { joinThreshold: 1, entityJoinThreshold: 0.01, keyEntities: 1 };

    it("joins when the lead actor agrees", () => {
      const decisions = ingest(new StoryClusterer(settings), [story, sameLead]);
      expect(decisions.map((d) => d.kind)).toEqual(["new", "join"]);
      expect((decisions[1] as { similarity: number }).similarity).toBeLessThan(1);
    });

    it("starts a new story when the lead actor differs, however many words they share", () => {
      const clusterer = new StoryClusterer(settings);
      const decisions = ingest(clusterer, [story, otherLead]);
      expect(decisions.map((d) => d.kind)).toEqual(["new", "new"]);
      const [candidate] = clusterer.candidates(clusterer.features(otherLead), otherLead.newsAt);
      expect(candidate!.similarity).toBeGreaterThan(settings.entityJoinThreshold);
    });

    it("still joins on words alone at joinThreshold, and places are not actors", () => {
      const strong = ingest(new StoryClusterer({ ...settings, joinThreshold: 0.01 }), [story, otherLead]);
      expect(strong.map((d) => d.kind)).toEqual(["new", "join"]);
      const place = (name: string) => ({ kind: "place" as const, name, mentions: 9 });
      const placeOnly = ingest(new StoryClusterer(settings), [
        firstLady("Garden opens", "A school garden opened in Chicago.", [place("United States")]),
        firstLady("Garden grows", "The school garden in Chicago grew.", [place("United States")]),
      ]);
      expect(placeOnly.map((d) => d.kind)).toEqual(["new", "new"]);
    });
  });

  describe("joining below headlineJoinThreshold needs a title word in common with the story", () => {
    const approved = article(
      "Council approves new harbour bridge",
      "The city council approved the harbour bridge on Monday. The bridge will link the old town to the port district, and the council expects the work to take four years.",
    );
    const ferries = article(
      "Ferry operators fear losing passengers",
      "Ferry operators in the port district said the harbour bridge the city council approved on Monday would cost them most of their passengers within four years.",
    );
    const opening = article(
      "Harbour bridge work to start in spring",
      "Work on the harbour bridge the city council approved will start in spring, the port district's planners said.",
    );
    // Any shared word reaches joinThreshold here; only the headline check keeps stories apart.
    const settings = { joinThreshold: 0.01, headlineJoinThreshold: 1 };

    it("starts a new story for related news whose title shares no word with the story's", () => {
      const clusterer = new StoryClusterer(settings);
      ingest(clusterer, [approved]);
      expect(clusterer.candidates(clusterer.features(ferries), ferries.newsAt)[0]!.similarity).toBeGreaterThan(0.1);
      expect(ingest(clusterer, [ferries], 2, { id: 2 })).toEqual([{ kind: "new", bestSimilarity: expect.any(Number) }]);
    });

    it("joins when a title word is shared, or when the check is off", () => {
      expect(ingest(new StoryClusterer(settings), [approved, opening]).map((d) => d.kind)).toEqual(["new", "join"]);
      expect(ingest(new StoryClusterer({ ...settings, headlineJoinThreshold: 0 }), [approved, ferries]).map((d) => d.kind)).toEqual(["new", "join"]);
    });

    it("compares with every title of the story, not only the first", () => {
      const planners = article("Planners confirm spring date", "The planners of the harbour bridge the city council approved said work would take four years.");
      const noise = article("Residents dread years of noise", "Residents near the harbour bridge the city council approved fear four years of noise.");
      // "spring" is in the second title only; the last title shares no word with the others.
      const decisions = ingest(new StoryClusterer(settings), [approved, opening, planners, noise]);
      expect(decisions.map((d) => d.kind)).toEqual(["new", "join", "join", "new"]);
    });

    it("keeps the story's most recent title words, in a copy of its state too", () => {
      const clusterer = new StoryClusterer({ ...settings, maxHeadlineTerms: 4 });
      ingest(clusterer, [approved, opening]);
      // "council approves new harbour bridge", then "harbour bridge work start spring" moves "harbour"
      // and "bridge" last; stemmed, the four most recent are kept.
      expect(clusterer.state().stories[0]!.headline).toEqual(["bridg", "work", "start", "spring"]);
      const rebuilt = new StoryClusterer({ ...settings, maxHeadlineTerms: 4 }, structuredClone(clusterer.state()));
      const council = article("Council meets", "The city council approved the harbour bridge.");
      expect(rebuilt.assign(rebuilt.features(council), council.newsAt)).toMatchObject({ kind: "new" });
    });

    it("lets a story stored before titles were kept take related articles as before", () => {
      const clusterer = new StoryClusterer(settings);
      ingest(clusterer, [approved]);
      const state = clusterer.state();
      const { headline, ...profile } = state.stories[0]!;
      expect(headline).toBeDefined();
      const legacy = new StoryClusterer(settings, { ...state, stories: [profile] });
      expect(legacy.assign(legacy.features(ferries), ferries.newsAt)).toMatchObject({ kind: "join", storyId: 1 });
    });
  });

  describe("a story is matched against its recent core (centroidDecay)", () => {
    // Headline-only items: a plant fire, then the story drifts to the owner's shares.
    const drifting = [
      "Fire at Nordchem plant forces Rotterdam evacuation",
      "Rotterdam evacuation ends after Nordchem plant fire",
      "Nordchem shares fall after plant fire",
      "Nordchem shares fall as investors weigh costs",
      "Nordchem shares slide again as investors sell",
      "Investors sell Nordchem shares ahead of results",
      "Nordchem results: investors punish shares",
      "Nordchem shares recover after results",
    // Minutes apart, as a wire's headlines come: the join model learnt that a long silence ends a story.
    ].map((title, i) => article(title, "", at(i / 200)));
    const oldCore = article("Rotterdam residents return home as evacuation ends", "", at(8 / 200));

    it("keeps a drifted story from taking an article that matches only its old core", () => {
      const clusterer = new StoryClusterer({ centroidDecay: 0.9 });
      expect(ingest(clusterer, drifting).map((d) => d.kind)).toEqual(["new", ...Array(7).fill("join")]);
      expect(ingest(clusterer, [oldCore], 9, { id: 2 })).toEqual([{ kind: "new", bestSimilarity: expect.any(Number) }]);
    });

    it("without decay too: the join model judges a headline by the story's recent core, not by all it absorbed", () => {
      const clusterer = new StoryClusterer({ centroidDecay: 1 });
      ingest(clusterer, drifting);
      const [candidate] = clusterer.candidates(clusterer.features(oldCore), oldCore.newsAt);
      expect(candidate).toMatchObject({ storyId: 1 });
      expect(candidate!.probability).toBeLessThan(clusterer.config.headlineOnlyJoinThreshold);
      expect(ingest(clusterer, [oldCore], 9, { id: 2 })).toEqual([{ kind: "new", bestSimilarity: expect.any(Number) }]);
      // A follow-up of what the story is now about joins it.
      const followUp = article("Nordchem shares rise as investors return after results", "", at(8 / 200));
      expect(ingest(clusterer, [followUp], 10, { id: 2 })).toEqual([expect.objectContaining({ kind: "join", storyId: 1 })]);
    });

    it("clusters headline-only items on their titles", () => {
      const clusterer = new StoryClusterer();
      const features = clusterer.features(drifting[0]!);
      expect(features.signature).toEqual([]);
      expect(Object.keys(features.terms)).toEqual(expect.arrayContaining(["fire", "evacu"]));
    });
  });

  it("refuses bad settings and bad dates", () => {
    expect(() => new StoryClusterer({ joinThreshold: 2 })).toThrow(/joinThreshold/);
    const clusterer = new StoryClusterer();
    expect(() => clusterer.assign(clusterer.features(wire), new Date("nope"))).toThrow(/newsAt/);
  });
});

/** Features written by hand: an article with a body (a signature no other article shares). */
function bodyFeatures(n: number, terms: Record<string, number>, headline: string[], subject: string[]): ArticleFeatures {
  return { terms, signature: [n * 1000 + 1, n * 1000 + 2, n * 1000 + 3], headline, subject };
}

describe("a story is one event and its follow-ups (the subject check)", () => {
  // A campaign: the same actors every day, a different thing done each time.
  const actors = { "e:howard": 3, tori: 4, elect: 2, campaign: 2 };
  const asylum = Array.from({ length: 10 }, (_, i) =>
    bodyFeatures(i + 1, { ...actors, asylum: 4, plan: 2, [`detail${i}`]: 1 }, ["howard", "tori", "asylum", "plan"], ["asylum", "plan"]),
  );
  const tax = bodyFeatures(99, { ...actors, tax: 4, pledg: 2 }, ["howard", "tori", "tax", "pledg"], ["tax", "pledg"]);
  const asylumFollowUp = bodyFeatures(98, { ...actors, asylum: 4, quota: 2 }, ["howard", "asylum", "quota"], ["asylum", "quota"]);

  function grow(clusterer: StoryClusterer, count: number): void {
    asylum.slice(0, count).forEach((f, i) => {
      const decision = clusterer.assign(f, at(i / 10));
      expect(decision.kind).toBe(i === 0 ? "new" : "join");
      clusterer.record(i + 1, 1, f, at(i / 10));
    });
  }

  // Every term counts here (subjectRarity 0): the stream is this one story, so its own subject is its commonest word.
  const anyTerm = { subjectRarity: 0 };

  it("keeps a big story from taking the next event of its topic: same actors, another subject", () => {
    const clusterer = new StoryClusterer(anyTerm);
    grow(clusterer, 10);
    expect(clusterer.assign(tax, at(1)).kind).toBe("new");
    expect(clusterer.assign(asylumFollowUp, at(1))).toMatchObject({ kind: "join", storyId: 1 });
  });

  it("counts only a rare enough shared subject term (subjectRarity): a topic's everyday word says nothing of the event", () => {
    // The stream's other news: "elect" is in every article of it, "asylum" in none.
    const background = (n: number) => bodyFeatures(200 + n, { elect: 2, [`other${n}`]: 4 }, ["elect", `other${n}`], ["elect", `other${n}`]);
    const withElection = (features: ArticleFeatures) => ({ ...features, subject: [...features.subject, "elect"] });
    const clusterer = new StoryClusterer({ subjectRarity: 0.5 });
    for (let n = 0; n < 40; n++) clusterer.record(1000 + n, 1000 + n, background(n), at(0));
    asylum.forEach((f, i) => clusterer.record(i + 1, 1, withElection(f), at(i / 10)));
    // Both share "elect" with the story's subjects; only the follow-up shares a rare term ("asylum").
    expect(clusterer.assign(withElection(tax), at(1))).not.toMatchObject({ kind: "join", storyId: 1 });
    expect(clusterer.assign(withElection(asylumFollowUp), at(1))).toMatchObject({ kind: "join", storyId: 1 });
    const anyWord = new StoryClusterer(anyTerm);
    for (let n = 0; n < 40; n++) anyWord.record(1000 + n, 1000 + n, background(n), at(0));
    asylum.forEach((f, i) => anyWord.record(i + 1, 1, withElection(f), at(i / 10)));
    expect(anyWord.assign(withElection(tax), at(1))).toMatchObject({ kind: "join", storyId: 1 });
  });

  it("lets a small story take it (subjectMinArticles), and turns off at subjectThreshold 0", () => {
    const small = new StoryClusterer(anyTerm);
    grow(small, 3);
    expect(small.assign(tax, at(1))).toMatchObject({ kind: "join", storyId: 1 });
    const off = new StoryClusterer({ ...anyTerm, subjectThreshold: 0 });
    grow(off, 10);
    expect(off.assign(tax, at(1))).toMatchObject({ kind: "join", storyId: 1 });
  });

  it("keeps the recent core's subjects through a copy of its state", () => {
    const clusterer = new StoryClusterer(anyTerm);
    grow(clusterer, 10);
    const rebuilt = new StoryClusterer(anyTerm, structuredClone(clusterer.state()));
    expect(rebuilt.state().stories[0]!.recent!.at(-1)!.subject).toEqual(["asylum", "plan"]);
    expect(rebuilt.assign(tax, at(1)).kind).toBe("new");
    expect(rebuilt.assign(asylumFollowUp, at(1))).toMatchObject({ kind: "join", storyId: 1 });
  });
});

describe("folding two stories into one", () => {
  const quake = (i: number, title: string) => article(title, "", at(i / 500));
  const first = [quake(0, "Strong earthquake hits Chile coast"), quake(1, "Chile earthquake triggers tsunami warning")];
  const second = [quake(2, "Tsunami warning lifted after Chile quake"), quake(3, "Chile quake: tsunami warning lifted")];

  function twoStories(clusterer: StoryClusterer): void {
    first.forEach((a, i) => clusterer.record(i + 1, 1, clusterer.features(a), a.newsAt));
    second.forEach((a, i) => clusterer.record(i + 3, 2, clusterer.features(a), a.newsAt));
    clusterer.takeChanges();
  }

  it("fold() makes one story of two: articles, titles, recent core, signatures, the candidate index", () => {
    const clusterer = new StoryClusterer();
    twoStories(clusterer);
    clusterer.fold(1, 2);
    expect(clusterer.activeStoryIds()).toEqual([1]);
    const [story] = clusterer.state().stories;
    expect(story).toMatchObject({ id: 1, articles: 4 });
    expect(story!.recent!.map((a) => a.newsAt)).toEqual([0, 1, 2, 3].map((i) => at(i / 500).getTime()));
    const changes = clusterer.takeChanges();
    expect(changes.folded).toEqual([[2, 1]]);
    expect(changes.stories.map((s) => s.id)).toEqual([1]);
    const next = quake(4, "Chile earthquake: tsunami warning lifted");
    expect(clusterer.candidates(clusterer.features(next), next.newsAt).map((c) => c.storyId)).toEqual([1]);
    expect(() => clusterer.fold(1, 2)).toThrow(RangeError);
  });

  it("assign() names the stories to fold only at foldThreshold, when the two stories are alike, and never at 1", () => {
    const item = quake(4, "Chile earthquake: tsunami warning lifted");
    const never = new StoryClusterer({ foldThreshold: 1, headlineOnlyJoinThreshold: 0.5 });
    twoStories(never);
    const decision = never.assign(never.features(item), item.newsAt);
    expect(decision.kind === "join" && decision.folds).toBeFalsy();
    // Stories whose recent cores are less alike than foldSimilarity stay apart, however sure the item.
    const unlike = new StoryClusterer({ foldThreshold: 0.5, headlineOnlyJoinThreshold: 0.5, foldSimilarity: 0.99 });
    twoStories(unlike);
    const apart = unlike.assign(unlike.features(item), item.newsAt);
    expect(apart.kind).toBe("join");
    expect(apart.kind === "join" && apart.folds).toBeFalsy();

    const folding = new StoryClusterer({ foldThreshold: 0.5, headlineOnlyJoinThreshold: 0.5, foldSimilarity: 0.1 });
    twoStories(folding);
    const candidates = folding.candidates(folding.features(item), item.newsAt);
    expect(candidates.filter((c) => c.probability >= 0.5)).toHaveLength(2);
    const folds = folding.assign(folding.features(item), item.newsAt);
    expect(folds).toMatchObject({ kind: "join", storyId: candidates[0]!.storyId, folds: [candidates[1]!.storyId] });
  });
});
