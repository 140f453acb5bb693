// Starts the parser thread: a worker thread does not inherit the TypeScript loader newsbot runs
// under, so it registers it before loading the worker's code.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");
