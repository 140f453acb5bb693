// /sources export on Discord, through discord.js against the fake Discord: the OPML is attached to
// the ephemeral interaction reply (a multipart request: payload_json and files[0]), so only the
// admin who asked sees it; someone else is refused without a file.
import { afterEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../fakes/discord-bot.js";
import { commandInteraction, type Who } from "../../fakes/discord-world.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

async function exportAs(b: TestBot, who: Who) {
  const interaction = commandInteraction("sources", [{ name: "export", type: 1, options: [] }], who);
  b.fake.interact(interaction);
  const answer = await b.fake.answered(interaction.id);
  const callback = b.fake.requests.find((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
  return { answer, callback };
}

describe("/sources export on Discord", () => {
  it("attaches the OPML to a reply only the admin sees", async () => {
    bot = await startTestBot();
    await bot.store.sources.add({ url: "https://wire.example/feed.xml", name: "Wire <Co>" }, "user", new Date());
    const { answer, callback } = await exportAs(bot, { as: "admin" });
    const message = answer.messages[0] as Json;
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.attachments).toEqual([{ id: "0" }]);
    expect(callback?.files).toHaveLength(1);
    const [file] = callback!.files!;
    expect(file).toMatchObject({ field: "files[0]", name: "newsbot-sources.opml" });
    expect(file!.content).toMatch(/^<\?xml/);
    expect(file!.content).toContain('xmlUrl="https://wire.example/feed.xml"');
    expect(file!.content).toContain("Wire &lt;Co&gt;");
  });

  it("refuses someone who is not an admin, with no file", async () => {
    bot = await startTestBot();
    const { answer, callback } = await exportAs(bot, { as: "manager" });
    expect(JSON.stringify(answer.messages[0])).toContain("can export sources");
    expect(callback?.files).toBeUndefined();
  });
});
