// The contract every storage engine passes: call storageContract with the engine's factory.
import { describe } from "vitest";
import { alertContract } from "./alerts.js";
import { articleContract } from "./articles.js";
import { chatContract } from "./chat.js";
import { deliveryContract } from "./deliveries.js";
import { replicaContract } from "./replicas.js";
import type { EngineFactory } from "./engine.js";
import { sourceContract } from "./sources.js";
import { storyContract } from "./stories.js";

export type { EngineFactory, TestEngine } from "./engine.js";

export function storageContract(engine: string, factory: EngineFactory): void {
  describe(`${engine} storage`, () => {
    articleContract(factory);
    storyContract(factory);
    sourceContract(factory);
    deliveryContract(factory);
    chatContract(factory);
    alertContract(factory);
    replicaContract(factory);
  });
}
