// A fake Slack on 127.0.0.1 for the Slack adapter's tests: the Web API methods newsbot calls (form or
// JSON bodies, Bearer tokens, Slack's { ok, error } answers), response_url endpoints, and a Socket
// Mode WebSocket. It records every call, keeps the messages posted per channel and thread (with
// their metadata, for conversations.history / replies), and can be told to answer a method with a
// 429 and Retry-After, an error, or an HTTP 500 after posting (a lost answer).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface FakeUser {
  is_admin?: boolean;
  is_owner?: boolean;
}
export interface FakeChannel {
  creator?: string;
}

export interface FakeSlackOptions {
  botToken: string;
  appToken?: string;
  users?: Record<string, FakeUser>;
  channels?: Record<string, FakeChannel>;
}

export interface ApiCall {
  method: string;
  token?: string;
  args: Record<string, unknown>;
  /** Date.now() when it arrived. */
  at: number;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload?: Record<string, unknown> };
}

/** A file uploaded the files.uploadV2 way: its upload URL asked for, its bytes sent there, then completed. */
export interface UploadedFile {
  id: string;
  filename: string;
  length: number;
  /** The upload's body as it reached the upload URL (multipart, as the WebClient sends it). */
  uploaded?: string;
  /** Set by files.completeUploadExternal: where it was shared, and its title. */
  channel?: string;
  title?: string;
}

export interface ResponseUrlPost {
  /** The id in /respond/<id>. */
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** How to answer the next call(s) of a method instead of normally. */
export type Failure =
  | { kind: "ratelimited"; retryAfter: number }
  | { kind: "error"; error: string }
  /** Does the work (a post lands), then answers HTTP 500: the caller never hears it went. */
  | { kind: "lost-answer" };

export interface FakeSlack {
  /** http://127.0.0.1:PORT */
  url: string;
  /** What SLACK_API_URL would be: http://127.0.0.1:PORT/api (no trailing slash, as people write it). */
  apiUrl: string;
  calls: ApiCall[];
  /** Messages posted in channels (threads included), oldest first. */
  messages: PostedMessage[];
  responses: ResponseUrlPost[];
  files: UploadedFile[];
  /** A response_url for one command or click. */
  responseUrl(id: string): string;
  fail(method: string, failure: Failure, times?: number): void;
  callsTo(method: string): ApiCall[];
  /** Socket Mode: the envelopes' acknowledgements received, by envelope id. */
  socketAcks: Map<string, unknown>;
  /** Socket Mode: sends an envelope to every connected client. */
  socketSend(envelope: Record<string, unknown>): void;
  socketConnections(): number;
  close(): Promise<void>;
}

const JSON_ARGS = new Set(["blocks", "metadata", "attachments"]);

/** Form values as the WebClient sends them: objects JSON-encoded, the rest strings. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  return args;
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const messages: PostedMessage[] = [];
  const responses: ResponseUrlPost[] = [];
  const files: UploadedFile[] = [];
  const failures = new Map<string, Failure[]>();
  const socketAcks = new Map<string, unknown>();
  const sockets = new Set<WebSocket>();
  // Every ts is unique and after the previous one, like Slack's.
  const clock = Math.floor(Date.now() / 1000);
  let counter = 0;
  const nextTs = () => `${clock}.${String(++counter).padStart(6, "0")}`;
  let base = "";

  const methods: Record<string, (args: Record<string, unknown>, token: string | undefined) => Record<string, unknown>> = {
    "auth.test": (_args, token) =>
      token === options.botToken
        ? { ok: true, url: "https://fake.slack.test/", team: "Fake Team", user: "newsbot", team_id: "T0FAKE", user_id: "UBOT", bot_id: "BBOT" }
        : { ok: false, error: token ? "invalid_auth" : "not_authed" },
    "apps.connections.open": (_args, token) =>
      options.appToken && token === options.appToken ? { ok: true, url: `${base.replace(/^http/, "ws")}/socket` } : { ok: false, error: "invalid_auth" },
    "chat.postMessage": (args) => {
      const message: PostedMessage = {
        channel: String(args.channel),
        ts: nextTs(),
        ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
        text: args.text as string | undefined,
        blocks: args.blocks as unknown[] | undefined,
        metadata: args.metadata as PostedMessage["metadata"],
      };
      messages.push(message);
      return { ok: true, channel: message.channel, ts: message.ts, message: { text: message.text, ts: message.ts } };
    },
    "chat.postEphemeral": () => ({ ok: true, message_ts: nextTs() }),
    // A direct message channel with the user: D + their id.
    "conversations.open": (args) => ({ ok: true, channel: { id: `D${String(args.users).replace(/^U/, "")}` } }),
    "files.getUploadURLExternal": (args) => {
      const file: UploadedFile = { id: `F${String(files.length + 1).padStart(8, "0")}`, filename: String(args.filename), length: Number(args.length) };
      files.push(file);
      return { ok: true, upload_url: `${base}/upload/${file.id}`, file_id: file.id };
    },
    "files.completeUploadExternal": (args) => {
      const listed = (typeof args.files === "string" ? JSON.parse(args.files) : args.files) as Array<{ id: string; title?: string }>;
      const completed = listed.map(({ id }) => files.find((f) => f.id === id && f.uploaded !== undefined));
      if (completed.some((f) => !f)) return { ok: false, error: "file_not_found" };
      for (const [i, file] of completed.entries()) Object.assign(file!, { channel: args.channel_id ? String(args.channel_id) : undefined, title: listed[i]!.title });
      return { ok: true, files: completed.map((f) => ({ id: f!.id, title: f!.title })) };
    },
    "chat.getPermalink": (args) => ({
      ok: true,
      channel: args.channel,
      permalink: `https://fake.slack.test/archives/${String(args.channel)}/p${String(args.message_ts).replace(".", "")}`,
    }),
    "users.info": (args) => {
      const user = options.users?.[String(args.user)];
      return user ? { ok: true, user: { id: args.user, is_admin: false, is_owner: false, ...user } } : { ok: false, error: "user_not_found" };
    },
    "conversations.info": (args) => {
      const channel = options.channels?.[String(args.channel)];
      return channel ? { ok: true, channel: { id: args.channel, ...channel } } : { ok: false, error: "channel_not_found" };
    },
    // Newest first, as Slack answers; metadata only when asked for.
    "conversations.history": (args) => {
      const found = messages.filter((m) => m.channel === args.channel && !m.thread_ts && Number(m.ts) >= Number(args.oldest ?? 0));
      return { ok: true, messages: shown(found.reverse().slice(0, Number(args.limit ?? 100)), args), has_more: false };
    },
    // The parent first, then its replies oldest first.
    "conversations.replies": (args) => {
      const parent = messages.filter((m) => m.channel === args.channel && m.ts === args.ts);
      const replies = messages.filter((m) => m.channel === args.channel && m.thread_ts === args.ts && Number(m.ts) >= Number(args.oldest ?? 0));
      return { ok: true, messages: shown([...parent, ...replies].slice(0, Number(args.limit ?? 100)), args), has_more: false };
    },
  };

  function shown(found: PostedMessage[], args: Record<string, unknown>) {
    const withMetadata = args.include_all_metadata === "true" || args.include_all_metadata === true;
    return found.map(({ metadata, ...m }) => ({ type: "message", ...m, ...(withMetadata && metadata ? { metadata } : {}) }));
  }

  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const upload = /^\/upload\/(F\d+)$/.exec(path);
      if (upload) {
        const file = files.find((f) => f.id === upload[1]);
        if (file) file.uploaded = body;
        res.writeHead(file ? 200 : 404, { "content-type": "text/plain" }).end(file ? `OK - ${body.length}` : "not found");
        return;
      }
      const respondMatch = /^\/respond\/(.+)$/.exec(path);
      if (respondMatch) {
        responses.push({ id: respondMatch[1]!, body: JSON.parse(body || "{}") as Record<string, unknown>, at: Date.now() });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const method = /^\/api\/(.+)$/.exec(path)?.[1];
      const handler = method ? methods[method] : undefined;
      if (!method || !handler) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "unknown_method" }));
        return;
      }
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const args = parseArgs(body, req.headers["content-type"]);
      calls.push({ method, token, args, at: Date.now() });
      const failure = failures.get(method)?.shift();
      if (failure?.kind === "ratelimited") {
        res.writeHead(429, { "retry-after": String(failure.retryAfter), "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      if (failure?.kind === "error") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: failure.error }));
        return;
      }
      const answer = handler(args, token);
      if (failure?.kind === "lost-answer") {
        res.writeHead(500, { "content-type": "text/plain" }).end("upstream went away");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });

  const wss = new WebSocketServer({ server, path: "/socket" });
  wss.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("message", (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (ack.envelope_id) socketAcks.set(ack.envelope_id, ack.payload);
    });
    socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "AFAKE" }, debug_info: { host: "fake" } }));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    apiUrl: `${base}/api`,
    calls,
    messages,
    responses,
    files,
    responseUrl: (id) => `${base}/respond/${id}`,
    fail: (method, failure, times = 1) => failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]),
    callsTo: (method) => calls.filter((c) => c.method === method),
    socketAcks,
    socketSend: (envelope) => {
      for (const socket of sockets) socket.send(JSON.stringify(envelope));
    },
    socketConnections: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves once `check` holds, polling; fails the test with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Reading what reached the fake: the Block Kit of a message or a response_url post. */
interface PostedBlock {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ type: string; text?: string | { text: string }; action_id?: string; value?: string; style?: string }>;
}

const asBlocks = (blocks: unknown): PostedBlock[] => (Array.isArray(blocks) ? (blocks as PostedBlock[]) : []);

export const headersOf = (blocks: unknown): string[] => asBlocks(blocks).filter((b) => b.type === "header").map((b) => b.text!.text);

export const buttonsOf = (blocks: unknown) => asBlocks(blocks).flatMap((b) => (b.type === "actions" ? b.elements! : []));

/** Every text of the blocks (sections, fields, context, button labels), one per line. */
export const textOf = (blocks: unknown): string =>
  asBlocks(blocks)
    .flatMap((b) => [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? "")))])
    .join("\n");
