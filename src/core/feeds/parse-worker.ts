// The feed parser's own thread (see parse-thread.ts): each message is one feed to parse, answered
// with its id and the parsed feed.
import { parentPort } from "node:worker_threads";
import { parseFeed, type ParseFeedOptions } from "./parse.js";

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  options: ParseFeedOptions;
}

parentPort?.on("message", ({ id, bytes, options }: ParseRequest) => {
  parentPort?.postMessage({ id, feed: parseFeed(bytes, options) });
});
