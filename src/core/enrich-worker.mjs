// Starts an enrichment thread: a worker thread does not inherit the TypeScript loader newsbot runs
// under, so it registers it before loading the worker's code (the build writes its own, without tsx).
import { register } from "tsx/esm/api";

register();
await import("./enrich-worker.ts");
