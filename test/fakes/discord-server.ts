// A fake Discord on 127.0.0.1 for the adapter's end-to-end tests: the REST routes newsbot and
// discord.js call (gateway info, application and commands, channels, messages, threads, forum posts,
// interaction callbacks and webhook edits) and a gateway speaking the real protocol over `ws`
// (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats and their ACKs, dispatches). It records every
// request, and keeps messages, threads and commands so a test can check what a channel now shows.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import {
  APP_ID,
  APPLICATION,
  BOT_USER,
  CHANNEL_TYPES,
  DM_CHANNEL,
  FORUM_CHANNEL,
  GUILD_ID,
  SECRET_CHANNEL,
  TEXT_CHANNEL,
  guildChannel,
  guildCreatePayload,
  messagePayload,
  readyPayload,
  threadChannel,
} from "./discord-world.js";

export const FAKE_TOKEN = "fake.bot.token";

export interface RecordedRequest {
  method: string;
  /** Without the /api/v10 prefix, e.g. /channels/920000000000000001/messages. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization?: string;
  /** The files of a multipart request (files[n] beside payload_json), as Discord takes attachments. */
  files?: Array<{ field: string; name: string; type: string; content: string }>;
}

/** A canned answer for the next posts to a channel (messages or forum posts). */
export interface Failure {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** How many posts it answers; then the channel works again. */
  times: number;
}

export interface FakeDiscordOptions {
  /** The gateway closes with 4004 (Authentication failed) after IDENTIFY, while REST accepts the token. */
  rejectIdentify?: boolean;
  heartbeatIntervalMs?: number;
}

type Json = Record<string, unknown>;
type Message = ReturnType<typeof messagePayload>;

interface InteractionRecord {
  callbacks: Json[];
  edits: Json[];
  followups: Json[];
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly channels = new Map<string, Json>();
  readonly messages = new Map<string, Message[]>();
  readonly commands = { global: [] as Json[], guild: new Map<string, Json[]>() };
  readonly failures = new Map<string, Failure>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** What the gateway received and how it was reached. */
  readonly gateway = { connections: 0, urls: [] as string[], identifies: [] as Json[], heartbeats: 0 };
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private server?: http.Server;
  private sequence = 0;
  private nextId = 1_000_000_000_000_000_000n;
  port = 0;

  constructor(private readonly options: FakeDiscordOptions = {}) {
    for (const channel of guildCreatePayload().channels) this.channels.set(channel.id, channel);
    this.channels.set(SECRET_CHANNEL, guildChannel(SECRET_CHANNEL, CHANNEL_TYPES.text, "secret"));
    this.channels.set(DM_CHANNEL, { id: DM_CHANNEL, type: CHANNEL_TYPES.dm, last_message_id: null, flags: 0, recipients: [] });
  }

  /** The REST base URL newsbot is given as DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Gateway connections open now. */
  get openConnections(): number {
    return this.sockets.size;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.rest(req, res));
    this.server.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname !== "/gateway") return socket.destroy();
      this.gateway.urls.push(req.url ?? "");
      this.wss.handleUpgrade(req, socket, head, (ws) => this.converse(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Sends a dispatch (op 0) on every open gateway connection. */
  dispatch(t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.sequence, d });
    for (const socket of this.sockets) socket.send(frame);
  }

  /** Delivers an interaction over the gateway, as Discord does for a bot without an interactions URL. */
  interact(payload: { id: string }): void {
    this.interactions.set(payload.id, { callbacks: [], edits: [], followups: [] });
    this.dispatch("INTERACTION_CREATE", payload);
  }

  /** What was answered to an interaction: the callbacks as sent, their types, each message body in
   * order (the reply or the deferral's edit, then follow-ups), and autocomplete choices. */
  answer(id: string): { callbacks: Json[]; types: number[]; messages: Json[]; choices?: Json[] } {
    const record = this.interactions.get(id) ?? { callbacks: [], edits: [], followups: [] };
    const types = record.callbacks.map((c) => c.type as number);
    const data = record.callbacks.map((c) => (c.data ?? {}) as Json);
    const first = types[0] === 4 || types[0] === 7 ? [data[0]!] : record.edits.slice(-1);
    const choices = types[0] === 8 ? (data[0]!.choices as Json[]) : undefined;
    return { callbacks: record.callbacks, types, messages: [...first, ...record.followups], ...(choices ? { choices } : {}) };
  }

  /** Resolves once `check` holds, polling; fails after `timeoutMs` with what was seen. */
  async until(check: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Resolves when the interaction has its full answer (a reply, or a deferral and then its edit). */
  async answered(id: string, followups = 0): Promise<ReturnType<FakeDiscord["answer"]>> {
    await this.until(() => {
      const record = this.interactions.get(id);
      if (!record?.callbacks.length) return false;
      const type = record.callbacks[0]!.type;
      const first = type === 5 ? record.edits.length > 0 : true;
      return first && record.followups.length >= followups;
    }, `an answer to interaction ${id}`);
    return this.answer(id);
  }

  /** Every request body that creates or edits a message, wherever it was posted. */
  messageBodies(): Json[] {
    return this.requests.flatMap((r) => {
      const body = r.body as Json | null;
      if (!body) return [];
      if (r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path)) return [body];
      if (r.method === "POST" && /^\/channels\/\d+\/threads$/.test(r.path)) return [body.message as Json];
      if (r.method === "POST" && /\/callback$/.test(r.path) && [4, 7].includes(body.type as number)) return [body.data as Json];
      if (r.path.startsWith("/webhooks/") && (r.method === "PATCH" || r.method === "POST")) return [body];
      return [];
    });
  }

  private id(): string {
    return (this.nextId++).toString();
  }

  // --- gateway ---

  private converse(ws: WebSocket): void {
    this.gateway.connections++;
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 45_000 } }));
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Json };
      if (frame.op === 1) {
        this.gateway.heartbeats++;
        ws.send(JSON.stringify({ op: 11 }));
      } else if (frame.op === 2) {
        this.gateway.identifies.push(frame.d);
        if (this.options.rejectIdentify || frame.d.token !== FAKE_TOKEN) {
          ws.close(4004, "Authentication failed.");
          return;
        }
        ws.send(JSON.stringify({ op: 0, t: "READY", s: ++this.sequence, d: readyPayload(this.wsUrl) }));
        ws.send(JSON.stringify({ op: 0, t: "GUILD_CREATE", s: ++this.sequence, d: guildCreatePayload() }));
      }
    });
  }

  // --- REST ---

  private async rest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, "");
    const method = req.method ?? "GET";
    const authorization = req.headers.authorization;
    const contentType = req.headers["content-type"] ?? "";
    let body: unknown = null;
    let files: RecordedRequest["files"];
    if (contentType.startsWith("multipart/form-data")) {
      // A message with attachments: its JSON in payload_json, each file a part named files[n].
      const form = await new Request("http://fake.discord.test/", { method: "POST", headers: { "content-type": contentType }, body: Buffer.concat(chunks) }).formData();
      body = JSON.parse(String(form.get("payload_json") ?? "null"));
      files = [];
      for (const [field, value] of form.entries()) {
        if (typeof value !== "string") files.push({ field, name: value.name, type: value.type, content: await value.text() });
      }
    } else if (text) body = JSON.parse(text);
    this.requests.push({ method, path, query: url.searchParams, body, authorization, ...(files ? { files } : {}) });
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      // 204 No Content, as Discord answers an interaction callback, has no body and no content type.
      res.writeHead(status, payload === undefined ? headers : { "content-type": "application/json", ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    // Interaction callbacks and webhooks are authorised by their token in the path, not the bot's.
    const open = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    if (!open && authorization !== `Bot ${FAKE_TOKEN}`) return send(401, { message: "401: Unauthorized", code: 0 });
    const answer = this.route(method, path, body as Json);
    send(answer.status, answer.body, answer.headers);
  }

  private route(method: string, path: string, body: Json): { status: number; body?: unknown; headers?: Record<string, string> } {
    const ok = (payload: unknown) => ({ status: 200, body: payload });
    const unknownChannel = { status: 404, body: { message: "Unknown Channel", code: 10003 } };
    let m: RegExpExecArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return ok({ url: this.wsUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === "GET" && path === "/users/@me") return ok(BOT_USER);
    if (method === "GET" && path === "/applications/@me") return ok(APPLICATION);
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (m[1] !== APP_ID) return { status: 404, body: { message: "Unknown Application", code: 10002 } };
      const guild = m[2];
      if (method === "GET") return ok(guild ? (this.commands.guild.get(guild) ?? []) : this.commands.global);
      if (method === "PUT") {
        const stored = (body as unknown as Json[]).map((c) => this.asStoredCommand(c, guild));
        if (guild) this.commands.guild.set(guild, stored);
        else this.commands.global = stored;
        return ok(stored);
      }
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === "GET") {
      const channel = this.channels.get(m[1]!);
      return channel ? ok(channel) : unknownChannel;
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === "POST") {
      const channelId = m[1]!;
      if (!this.channels.has(channelId)) return unknownChannel;
      const failed = this.failure(channelId);
      if (failed) return failed;
      return ok(this.post(channelId, body));
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === "POST") {
      const [, channelId = "", messageId = ""] = m;
      if (!this.messages.get(channelId)?.some((msg) => msg.id === messageId)) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
      // A thread started from a message takes the message's id; a message starts one thread only.
      if (this.channels.has(messageId)) return { status: 400, body: { message: "A thread has already been created for this message", code: 160004 } };
      const thread = threadChannel(messageId, channelId, String(body.name));
      this.channels.set(messageId, thread);
      return { status: 201, body: thread };
    }
    if ((m = /^\/channels\/(\d+)\/threads$/.exec(path)) && method === "POST") {
      const forumId = m[1]!;
      if (this.channels.get(forumId)?.type !== CHANNEL_TYPES.forum) return { status: 400, body: { message: "Invalid Form Body", code: 50035 } };
      const failed = this.failure(forumId);
      if (failed) return failed;
      const threadId = this.id();
      const thread = threadChannel(threadId, forumId, String(body.name));
      this.channels.set(threadId, thread);
      // A forum post's first message has the thread's id.
      const message = messagePayload({ id: threadId, channelId: threadId, body: body.message as Json });
      this.messages.set(threadId, [message]);
      return { status: 201, body: { ...thread, message } };
    }
    if ((m = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path)) && method === "POST") {
      const record = this.interactions.get(m[1]!);
      if (!record) return { status: 404, body: { message: "Unknown interaction", code: 10062 } };
      if (record.callbacks.length) return { status: 400, body: { message: "Interaction has already been acknowledged.", code: 40060 } };
      record.callbacks.push(body);
      return { status: 204 };
    }
    if ((m = /^\/webhooks\/(\d+)\/interaction-token-(\d+)(\/messages\/@original)?$/.exec(path))) {
      const record = this.interactions.get(m[2]!);
      if (!record || m[1] !== APP_ID) return { status: 404, body: { message: "Unknown Webhook", code: 10015 } };
      const reply = messagePayload({ id: this.id(), channelId: TEXT_CHANNEL, body });
      if (method === "PATCH" && m[3]) record.edits.push(body);
      else if (method === "POST" && !m[3]) record.followups.push(body);
      else return { status: 405, body: { message: "405: Method Not Allowed", code: 0 } };
      return ok(reply);
    }
    return { status: 404, body: { message: `fake Discord has no route ${method} ${path}`, code: 0 } };
  }

  private failure(channelId: string) {
    if (channelId === SECRET_CHANNEL) return { status: 403, body: { message: "Missing Access", code: 50001 } };
    const failure = this.failures.get(channelId);
    if (!failure || failure.times <= 0) return undefined;
    failure.times--;
    return { status: failure.status, body: failure.body, headers: failure.headers };
  }

  /** Creates a message, unless `enforce_nonce` finds one already created with the same nonce. */
  private post(channelId: string, body: Json): Message {
    const list = this.messages.get(channelId) ?? [];
    this.messages.set(channelId, list);
    if (body.enforce_nonce === true && body.nonce !== undefined) {
      const earlier = list.find((msg) => msg.nonce === body.nonce);
      if (earlier) return earlier;
    }
    const message = messagePayload({ id: this.id(), channelId, body });
    list.push(message);
    return message;
  }

  /** A command as Discord stores it: ids added, false `required` left out, defaults filled in. */
  private asStoredCommand(command: Json, guildId: string | undefined): Json {
    const strip = (options: unknown): unknown =>
      Array.isArray(options)
        ? options.map((o: Json) => {
            const { required, ...rest } = o;
            return { ...rest, ...(required ? { required } : {}), ...(o.options ? { options: strip(o.options) } : {}) };
          })
        : undefined;
    return {
      id: this.id(),
      application_id: APP_ID,
      version: this.id(),
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      integration_types: [0],
      name_localizations: null,
      description_localizations: null,
      ...command,
      ...(command.options ? { options: strip(command.options) } : {}),
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).start();
}

export { APP_ID, DM_CHANNEL, FORUM_CHANNEL, GUILD_ID, SECRET_CHANNEL, TEXT_CHANNEL };
