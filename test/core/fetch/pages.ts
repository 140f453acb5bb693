// Article pages written for the extraction tests: a news site's template (nav, ads, share bar,
// related links, comments, footer) around a several-paragraph article.

export const ARTICLE_PARAGRAPHS = [
  "The town council approved its budget for next year on Tuesday evening after a three-hour debate, setting aside money for two new primary schools, the repair of the river bridge and a longer opening day at the central library.",
  "Councillors voted 23 to 9 in favour. The opposition had asked for the library money to go towards bus services instead, arguing that villages on the edge of the district have lost half their routes since the spring.",
  "“We listened to every resident who wrote to us,” said the council’s finance lead, Maria Okafor — adding that the café owners on Market Street had asked for the bridge works to wait until after the summer season.",
  "The bridge, which carries about 14,000 vehicles a day, has been under a weight limit since an inspection found corroded steel in two of its supports. Engineers expect the repairs to take eight months.",
  "Work on the first of the schools is due to begin in March. The council said both would open to pupils in the autumn of the following year, provided the contractor keeps to the schedule agreed in the tender.",
];

/** A full page; `head` is inserted first in <head> (a meta charset, for instance). */
export function articlePage(head = '<meta charset="utf-8">'): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head}
<title>Council approves budget with money for schools and bridge | Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">
<meta property="og:title" content="Council approves budget with money for schools and bridge">
<meta property="article:published_time" content="2024-03-05T18:30:00Z">
<meta name="author" content="Sam Whitfield">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = [{"page": "article"}];</script>
</head>
<body>
<header class="site-header">
  <a class="logo" href="/">Riverside Gazette</a>
  <nav class="main-nav">
    <ul>
      <li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/business">Business</a></li>
      <li><a href="/opinion">Opinion</a></li><li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe today</a></li>
    </ul>
  </nav>
</header>
<div class="ad ad-leaderboard" id="ad-top"><a href="https://ads.example.net/click?id=1"><img src="/ads/banner.jpg" alt="Advertisement"></a><span>ADVERTISEMENT: Cheap flights to the sun, book now</span></div>
<main>
  <article class="story">
    <h1 class="headline">Council approves budget with money for schools and bridge</h1>
    <p class="byline">By <a href="/authors/sam-whitfield" rel="author">Sam Whitfield</a>, local democracy reporter</p>
    <figure><img src="/images/council.jpg" alt="The council chamber"><figcaption>The council chamber on Tuesday</figcaption></figure>
    <div class="share-bar"><a href="https://twitter.com/share">Share on X</a> <a href="https://facebook.com/share">Share on Facebook</a></div>
    <div class="story-body">
      ${ARTICLE_PARAGRAPHS.map((p, i) =>
        i === 1 ? `<p>${p.replace("bus services", '<a href="https://example.org/buses">bus services</a>')}</p>` : `<p>${p}</p>`,
      ).join("\n      ")}
      <aside class="ad ad-inline"><p>ADVERTISEMENT: Sofa sale ends Sunday at Comfort Furniture</p></aside>
    </div>
  </article>
  <section class="related">
    <h2>Related stories</h2>
    <ul><li><a href="/news/1">Library hours cut last year</a></li><li><a href="/news/2">Bridge weight limit explained</a></li></ul>
  </section>
  <section id="comments" class="comments">
    <h2>Comments (2)</h2>
    <div class="comment"><p class="comment-author">riverfan77</p><p>About time they fixed that bridge, I have been waiting for years.</p></div>
    <div class="comment"><p class="comment-author">busrider</p><p>What about the buses? Nobody in the villages can get to town anymore.</p></div>
  </section>
</main>
<footer class="site-footer"><p>© 2024 Riverside Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
<script>trackPageView();</script>
</body>
</html>
`;
}

/** A teaser page: a headline and one line, nowhere near an article. */
export function teaserPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Budget vote tonight</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>Budget vote tonight</h1><p>The council votes on its budget this evening. Subscribe to read more.</p></article></body></html>`;
}
