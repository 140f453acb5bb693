// Written by bench/train-cluster.ts (npx tsx bench/train-cluster.ts --write): do not edit by hand.
// The story clusterer's join model: logistic regression over what a new article shares with a
// candidate story (StoryClusterer.candidates computes the features), trained on the TUNING halves of
// Google News' labels (headline-only) and WikiRef, never on their held-out halves.
//
// centroid            cosine (TF-IDF) of the article and the story's centroid (all its articles)
// recent              cosine of the article and the centroid of the story's recent core (its latest coreArticles)
// best                the best cosine of the article and one article of the recent core
// origin              cosine of the article and the centroid of the story's first originArticles
// headline            IDF-weighted share of the article's title terms found in the recent core's titles
// sharedWords         how many of its title terms are in the recent core's titles (at most 3)
// rarestShared        the IDF of the rarest of them, over the highest IDF possible (ln(1 + N) + 1)
// entities            people and organisations the article shares with the recent core (at most 3)
// leadAgrees          1 when the article's lead person/organisation is one of the story's key actors
// headlineOnlyHours   headlineOnly x ln(1 + hours since the story's latest article) (WikiRef is undated)
// size                ln(1 + the story's articles)
// headlineOnly        1 for an article without a body
// headlineOnlyRecent  headlineOnly x recent
// headlineOnlyHeadline headlineOnly x headline
export const JOIN_WEIGHTS = {
  centroid: 1.9605,
  recent: 14.174,
  best: 0.2117,
  origin: 2.6837,
  headline: -1.4146,
  sharedWords: 1.0164,
  rarestShared: -0.7618,
  entities: 1.3499,
  leadAgrees: 0.6916,
  headlineOnlyHours: -4.3703,
  size: 0.2031,
  headlineOnly: 1.6092,
  headlineOnlyRecent: -12.4601,
  headlineOnlyHeadline: -1.0068,
};
export const JOIN_BIAS = -2.5095;
