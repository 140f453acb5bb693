// How newsbot names itself to the servers it asks (feeds, pages, webhooks). A module of its own: a
// webhook courier needs the name, not the fetcher.

/** Kept in step with package.json's version (read by hand: the core does not import JSON). */
export const NEWSBOT_VERSION = "0.1.0";
export const DEFAULT_USER_AGENT = `newsbot/${NEWSBOT_VERSION} (+https://github.com/newsbot/newsbot)`;
