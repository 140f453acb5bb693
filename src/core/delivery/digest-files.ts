// Digest files: digests/<name>.json (NEWSBOT_DIGESTS points elsewhere), one definition each, read
// at start-up. A mistake stops start-up with the file, the field and what was expected.
import fs from "node:fs/promises";
import path from "node:path";
import { JsonSyntaxError, parseJsonFile } from "../json-file.js";
import { DigestDefinition } from "./definition.js";

export const DEFAULT_DIGESTS_DIR = "./digests";

export class DigestFileError extends Error {}

/**
 * Every digest in the folder, by file name. A folder that does not exist holds none, unless the
 * setting `setBy` named it: a folder asked for by name must be there.
 */
export async function readDigestFiles(dir: string, options: { setBy?: string } = {}): Promise<DigestDefinition[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      if (options.setBy) throw new DigestFileError(`${options.setBy} names the digests folder ${dir}, which does not exist`);
      return [];
    }
    throw new DigestFileError(`cannot read the digests folder ${dir} (${(error as Error).message})`);
  }
  const digests: DigestDefinition[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = parseJsonFile(await fs.readFile(file, "utf8"));
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw new DigestFileError(`the digest file ${file} is ${error.message}`);
      throw new DigestFileError(`cannot read the digest file ${file} (${(error as Error).message})`);
    }
    // The name defaults to the file's, so digests/morning.json is the "morning" digest.
    const withName = json && typeof json === "object" && !Array.isArray(json) ? { name: path.basename(name, ".json"), ...json } : json;
    const parsed = DigestDefinition.safeParse(withName);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
      throw new DigestFileError(`the digest file ${file} is invalid: ${problems.join("; ")}`);
    }
    if (parsed.data.name.includes(":")) {
      throw new DigestFileError(`the digest file ${file} is invalid: name: "platform:channel" names are kept for channels' own briefings`);
    }
    const twin = digests.find((d) => d.name === parsed.data.name);
    if (twin) throw new DigestFileError(`the digest file ${file} is invalid: name: "${twin.name}" is already the name of another digest file`);
    digests.push(parsed.data);
  }
  return digests;
}
