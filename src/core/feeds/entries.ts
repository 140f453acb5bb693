// feedsmith's four feed shapes -> one: the fields newsbot reads from a feed and from each of its
// items, with links already resolved (xml:base, then the feed's address) and kept only if http(s).
import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from "feedsmith";
import { WebUrl } from "../article.js";
import { looksLikeHtml, type FeedText } from "./text.js";

export interface Entry {
  title?: FeedText;
  /** Absolute http(s) link to the article. */
  link?: string;
  /** Full content: content:encoded, Atom <content>, JSON Feed content_html / content_text. */
  content?: FeedText;
  /** Description or summary: often a teaser. */
  summary?: FeedText;
  /** Date candidates, best first; unparseable ones are skipped later. */
  dates: Array<string | undefined>;
  guid?: string;
}

export interface FeedFields {
  title?: FeedText;
  /** Absolute http(s) link to the site the feed belongs to. */
  siteUrl?: string;
  ttlMinutes?: number;
  entries: Entry[];
}

/** sy:updatePeriod in minutes. */
const PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10_080, monthly: 43_200, yearly: 525_600 };

/** `href` made absolute against `base`; undefined when it cannot be. */
function resolveUrl(href: string | undefined, base?: string): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

/** An absolute http(s) URL that ArticleInput accepts, or undefined. */
export function webUrl(href: string | undefined, base?: string): string | undefined {
  const url = resolveUrl(href, base);
  return url !== undefined && WebUrl.safeParse(url).success ? url : undefined;
}

/** A base for relative references: `xml:base` resolved against the enclosing base. */
function withBase(xmlBase: string | undefined, base: string | undefined): string | undefined {
  return resolveUrl(xmlBase, base) ?? base;
}

/** Text that may or may not carry markup (RSS and RDF say nothing reliable about it). */
function sniffedText(value: string | undefined): FeedText | undefined {
  return value ? { value, html: looksLikeHtml(value) } : undefined;
}

function ttlFrom(ttl: number | undefined, sy: { updatePeriod?: string; updateFrequency?: number } | undefined): number | undefined {
  if (ttl !== undefined && Number.isFinite(ttl) && ttl > 0) return Math.round(ttl);
  const period = sy?.updatePeriod ? PERIOD_MINUTES[sy.updatePeriod.trim().toLowerCase()] : undefined;
  if (period === undefined) return undefined;
  const frequency = sy?.updateFrequency !== undefined && sy.updateFrequency >= 1 ? sy.updateFrequency : 1;
  return Math.max(1, Math.round(period / frequency));
}

export function fromRss(feed: RssFeed.Feed<string>, feedUrl: string | undefined): FeedFields {
  const selfLink = feed.atom?.links?.find((l) => l.rel === "self")?.href;
  const docBase = feedUrl ?? resolveUrl(feed.link) ?? resolveUrl(selfLink);
  const channelBase = withBase(feed.xml?.base, docBase);
  return {
    title: sniffedText(feed.title),
    siteUrl: webUrl(feed.link, channelBase),
    ttlMinutes: ttlFrom(feed.ttl, feed.sy),
    entries: (feed.items ?? []).map((item) => {
      const base = withBase(item.xml?.base, channelBase);
      const permalink = item.guid?.isPermaLink === false ? undefined : webUrl(item.guid?.value);
      return {
        title: sniffedText(item.title),
        link: webUrl(item.link, base) ?? permalink ?? atomLink(item.atom?.links, base),
        content: sniffedText(item.content?.encoded),
        summary: sniffedText(item.description),
        dates: [item.pubDate, item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.created?.[0], item.atom?.published, item.atom?.updated, item.dcterms?.modified?.[0]],
        guid: item.guid?.value,
      };
    }),
  };
}

export function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string | undefined): FeedFields {
  const docBase = feedUrl ?? resolveUrl(feed.link) ?? resolveUrl(feed.rdf?.about);
  const channelBase = withBase(feed.xml?.base, docBase);
  return {
    title: sniffedText(feed.title),
    siteUrl: webUrl(feed.link, channelBase),
    ttlMinutes: ttlFrom(undefined, feed.sy),
    entries: (feed.items ?? []).map((item) => {
      const base = withBase(item.xml?.base, channelBase);
      return {
        title: sniffedText(item.title),
        link: webUrl(item.link, base) ?? webUrl(item.rdf?.about, base),
        content: sniffedText(item.content?.encoded),
        summary: sniffedText(item.description),
        dates: [item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.created?.[0], item.dcterms?.modified?.[0]],
        guid: item.rdf?.about ?? item.link,
      };
    }),
  };
}

export function fromAtom(feed: AtomFeed.Feed<string>, feedUrl: string | undefined): FeedFields {
  const selfLink = feed.links?.find((l) => l.rel === "self")?.href;
  const docBase = feedUrl ?? resolveUrl(selfLink);
  const feedBase = withBase(feed.xml?.base, docBase);
  return {
    title: atomText(feed.title),
    siteUrl: atomLink(feed.links, feedBase),
    ttlMinutes: ttlFrom(undefined, feed.sy),
    entries: (feed.entries ?? []).map((entry) => {
      const base = withBase(entry.xml?.base, feedBase);
      return {
        title: atomText(entry.title),
        link: atomLink(entry.links, base) ?? webUrl(entry.id),
        content: atomContent(entry.content),
        summary: atomText(entry.summary),
        dates: [entry.published, entry.dc?.dates?.[0], entry.dcterms?.issued?.[0], entry.updated, entry.dcterms?.modified?.[0]],
        guid: entry.id,
      };
    }),
  };
}

export function fromJson(feed: JsonFeed.Feed<string>, feedUrl: string | undefined): FeedFields {
  const base = feedUrl ?? resolveUrl(feed.feed_url) ?? resolveUrl(feed.home_page_url);
  return {
    title: feed.title ? { value: feed.title, html: false } : undefined,
    siteUrl: webUrl(feed.home_page_url, base),
    entries: (feed.items ?? []).map((item) => ({
      title: item.title ? { value: item.title, html: false } : undefined,
      link: webUrl(item.url, base) ?? webUrl(item.external_url, base),
      content: item.content_html ? { value: item.content_html, html: true } : item.content_text ? { value: item.content_text, html: false } : undefined,
      summary: item.summary ? { value: item.summary, html: false } : undefined,
      dates: [item.date_published, item.date_modified],
      guid: item.id,
    })),
  };
}

/** The article link among Atom links: rel="alternate" (the default), HTML first. */
function atomLink(links: ReadonlyArray<{ href?: string; rel?: string; type?: string }> | undefined, base: string | undefined): string | undefined {
  const alternates = (links ?? []).filter((l) => l.rel === undefined || l.rel.trim().toLowerCase() === "alternate");
  const html = alternates.find((l) => l.type === undefined || /html/i.test(l.type));
  for (const link of html ? [html, ...alternates] : alternates) {
    const url = webUrl(link.href, base);
    if (url) return url;
  }
  return undefined;
}

/** An Atom text construct: type="text" (the default) is plain, "html" and "xhtml" are markup. */
function atomText(text: AtomFeed.Text | undefined): FeedText | undefined {
  if (!text?.value) return undefined;
  const type = text.type?.trim().toLowerCase();
  return { value: text.value, html: type === "html" || type === "xhtml" };
}

/** Atom <content>: a text construct, or a media type; out-of-line (src=) and binary content give nothing. */
function atomContent(content: AtomFeed.Content | undefined): FeedText | undefined {
  if (!content?.value) return undefined;
  const type = content.type?.trim().toLowerCase() ?? "text";
  if (type === "text" || (type.startsWith("text/") && type !== "text/html")) return { value: content.value, html: false };
  if (type === "html" || type === "xhtml" || type === "text/html" || /[+/]xml$/.test(type)) return { value: content.value, html: true };
  return undefined;
}
