// Every test file runs with newsbot's platforms declared, as every entry point does (src/config.ts
// reads their settings from the registry): the core knows targets only through their declarations.
import "../../src/adapters/index.js";
