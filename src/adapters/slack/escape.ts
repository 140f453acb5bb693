// Article text into Slack text objects. In mrkdwn, <...> is markup (links, <!channel>, <@U1>,
// <#C1>, <!subteam^S1>) and &amp; &lt; &gt; are Slack's only escapes; bare @channel, @here and
// @everyone are also parsed when a message is posted with link_names, so a word joiner (U+2060)
// after the @ keeps them from notifying anyone.
import { stripControl } from "../text-limits.js";

const BROADCAST = /@(?=channel|here|everyone)/gi;

function neutralizeBroadcasts(text: string): string {
  return text.replace(BROADCAST, "@\u2060");
}

/** For mrkdwn text: markup characters escaped, broadcasts neutralized, control characters gone. */
export function escapeMrkdwn(text: string): string {
  const escaped = stripControl(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return neutralizeBroadcasts(escaped);
}

/** What a user typed, from the text Slack sends (a slash command's): Slack escapes &, < and > in it,
 * so "outlets>=3" arrives as "outlets&gt;=3". &amp; last, so "&amp;gt;" stays "&gt;". */
export function typedText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** A user group's mention (an alert's, the only one newsbot writes): it notifies the group's members. */
export function userGroupMention(id: string): string {
  return `<!subteam^${id}>`;
}

/** For plain_text objects (headers), which Slack does not parse for markup. */
export function escapePlain(text: string): string {
  return neutralizeBroadcasts(stripControl(text));
}
