// An operator's JSON file (the sources file, a digest file): saved with a byte order mark or not,
// and when it does not parse, where, without quoting it: the file may not be the one meant
// (NEWSBOT_SOURCES=/etc/passwd), or may hold a secret (a webhook URL).

export class JsonSyntaxError extends Error {}

export function parseJsonFile(text: string): unknown {
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new JsonSyntaxError(whereWrong(json, (error as Error).message));
  }
}

/** "not valid JSON (Expected ',' or '}' after property value, at line 3, column 9)": the parser's
 * words only where they quote nothing of the text, with the position as a line and column. */
function whereWrong(text: string, message: string): string {
  const at = /^(.*) in JSON at position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[2]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return `not valid JSON (${at[1]}, at line ${line}, column ${column})`;
  }
  if (message.startsWith("Unexpected end of JSON input")) return "not valid JSON (it ends too soon)";
  return "not valid JSON";
}
