// OPML: the list of feeds other readers import and export. Outlines with an xmlUrl are feeds (their
// title, else their text, is the name); outlines without one are folders, which become the feeds'
// category ("World", or "News / World" when nested). feedsmith reads and writes the XML.
import { generateOpml, parseOpml } from "feedsmith";
import { sourceName, SourceDefinition, type Source } from "./source.js";

/** A feed of an OPML file that could not be followed, and why. */
export interface UnreadOutline {
  /** Its title and address as the file gives them. */
  outline: string;
  reason: string;
}

export interface OpmlFeeds {
  feeds: SourceDefinition[];
  unread: UnreadOutline[];
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  outlines?: Outline[];
}

/** Where an OPML category folder path is split, and joined back. */
const FOLDER_SEPARATOR = " / ";

/** The feeds of an OPML file; throws when the text is not OPML at all. */
export function readOpml(text: string): OpmlFeeds {
  let document: { body?: { outlines?: Outline[] } };
  try {
    document = parseOpml(text) as typeof document;
  } catch (error) {
    throw new Error(`not an OPML file (${(error as Error).message})`);
  }
  const result: OpmlFeeds = { feeds: [], unread: [] };
  const visit = (outlines: readonly Outline[], folders: string[]) => {
    for (const outline of outlines) {
      const title = (outline.title ?? outline.text)?.trim() || undefined;
      if (!outline.xmlUrl) {
        visit(outline.outlines ?? [], title ? [...folders, title] : folders);
        continue;
      }
      const parsed = SourceDefinition.safeParse({ url: outline.xmlUrl.trim(), name: title, category: folders.join(FOLDER_SEPARATOR) || undefined });
      if (parsed.success) result.feeds.push(parsed.data);
      else result.unread.push({ outline: [title, outline.xmlUrl].filter(Boolean).join(" "), reason: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") });
    }
  };
  visit(document.body?.outlines ?? [], []);
  return result;
}

/** An OPML file with no feeds: feedsmith refuses to write one, but it is what "export" owes a bot
 * that follows nothing yet, and importing it adds nothing. */
const EMPTY_OPML = `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>newsbot sources</title>
  </head>
  <body/>
</opml>
`;

/** The sources as an OPML 2.0 file, each category a folder, in the order they were added. */
export function writeOpml(sources: readonly Source[]): string {
  if (sources.length === 0) return EMPTY_OPML;
  const outline = (source: Source) => ({ type: "rss", text: sourceName(source), title: sourceName(source), xmlUrl: source.url });
  const folders = new Map<string, Array<ReturnType<typeof outline>>>();
  const outlines: Array<Record<string, unknown>> = [];
  for (const source of sources) {
    if (!source.category) {
      outlines.push(outline(source));
      continue;
    }
    let folder = folders.get(source.category);
    if (!folder) {
      folders.set(source.category, (folder = []));
      outlines.push({ text: source.category, title: source.category, outlines: folder });
    }
    folder.push(outline(source));
  }
  return generateOpml({ head: { title: "newsbot sources" }, body: { outlines } });
}
