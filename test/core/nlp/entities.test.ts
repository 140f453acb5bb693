// Named entities per article: canonical names, merged mentions, junk left out; checked on inline
// fixtures and on the two Asharq Al-Awsat articles in samples/.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Entity } from "../../../src/core/article.js";
import { findEntities as tagEntities } from "../../../src/core/nlp/entities.js";

/** The rules' entities, whether or not the model is sure enough of their kind for a card (cards.test.ts). */
const findEntities = (article: { title: string; body: string }): Entity[] => tagEntities(article).map(({ kind, name, mentions }) => ({ kind, name, mentions }));

const sample = readFileSync(new URL("../../../samples/asharq-al-awsat.txt", import.meta.url), "utf8").split("\n");

/** Title line, then the body from the line starting `from` to the line ending `to` (captions skipped). */
/** Each entity's kind by its name. */
function kindsByName(article: { title: string; body: string }): Record<string, string> {
  return Object.fromEntries(findEntities(article).map((e) => [e.name, e.kind]));
}

function article(title: string, from: string, to: string): { title: string; body: string } {
  const start = sample.findIndex((l) => l.startsWith(from));
  const end = sample.findIndex((l, i) => i >= start && l.trimEnd().endsWith(to));
  if (!sample.includes(title) || start < 0 || end < 0) throw new Error("sample text changed");
  return { title, body: sample.slice(start, end + 1).join("\n") };
}

const moscow = article(
  "Moscow Consultations: Russia, Syria Disagree on Turkish Deployment",
  "Russia, Türkiye, Syria and Iran kicked off",
  "Idlib region and its surroundings.",
);
const iraq = article(
  "Iraq Frustrated by Iran’s Reluctance to Rein in Militias",
  "A senior government official said Iraqi Prime Minister",
  "dodging responsibility for reining them in.",
);

const named = (entities: Entity[], kind: Entity["kind"]): string[] =>
  entities.filter((e) => e.kind === kind).map((e) => e.name);
const mentionsOf = (entities: Entity[], name: string): number | undefined => entities.find((e) => e.name === name)?.mentions;

describe("findEntities on the Moscow consultations article", () => {
  const entities = findEntities(moscow);

  it("counts each country under every name: country, demonym, capital, possessive", () => {
    // Counted by hand over title and body: Syria/Syrian/Syrians/Syria’s/Damascus, Russia/Russian/Moscow,
    // Türkiye/Turkish/Ankara, Iran/Iranian.
    expect(entities.slice(0, 4)).toEqual([
      { kind: "place", name: "Syria", mentions: 15 },
      { kind: "place", name: "Russia", mentions: 14 },
      { kind: "place", name: "Türkiye", mentions: 10 },
      { kind: "place", name: "Iran", mentions: 4 },
    ]);
  });

  it("finds the people under their full names, titles stripped", () => {
    expect(named(entities, "person").sort()).toEqual(
      ["Ali Asghar Khaji", "Alexander Lavrentiev", "Ayman Sousan", "Bashar al-Assad", "Mikhail Bogdanov"].sort(),
    );
  });

  it("finds the organisations and the non-country place", () => {
    expect(mentionsOf(entities, "SANA")).toBe(2);
    expect(entities).toContainEqual({ kind: "organisation", name: "Russian Foreign Ministry", mentions: 1 });
    expect(entities).toContainEqual({ kind: "place", name: "Idlib", mentions: 1 });
  });

  it("leaves out capitals, demonyms and headline words as separate entities", () => {
    const names = entities.map((e) => e.name);
    for (const junk of ["Moscow", "Damascus", "Ankara", "Turkish", "Syrian", "Consultations", "Deployment", "Monday", "Presidential Special Envoy", "FM"]) {
      expect(names).not.toContain(junk);
    }
  });
});

describe("findEntities on the Iraq militias article", () => {
  const entities = findEntities(iraq);

  it("counts the countries (grep over the text: Iraq 14 + Iraqi 11; Iran 9 + Tehran 1; Israel 8 + Israeli 1; US 3)", () => {
    expect(mentionsOf(entities, "Iraq")).toBe(25);
    expect(mentionsOf(entities, "Iran")).toBe(10);
    expect(mentionsOf(entities, "Israel")).toBe(9);
    expect(mentionsOf(entities, "United States")).toBe(3);
    expect(entities[0]?.name).toBe("Iraq");
  });

  it("merges surname-only mentions, whatever their case, into the full name", () => {
    // "Mohammed Shia al-Sudani" once, then "al-Sudani" three times and "Al-Sudani" twice (one a heading).
    expect(entities).toContainEqual({ kind: "person", name: "Mohammed Shia al-Sudani", mentions: 6 });
    expect(entities.map((e) => e.name)).not.toContain("al-Sudani");
    expect(entities.map((e) => e.name)).not.toContain("Al-Sudani");
  });

  it("finds the other people and organisations", () => {
    expect(named(entities, "person")).toEqual(
      expect.arrayContaining(["Ammar al-Hakim", "Akram al-Kaabi", "Abu Hussein al-Hamidawi", "Ali Khamenei"]),
    );
    expect(entities).toContainEqual({ kind: "organisation", name: "Coordination Framework", mentions: 4 });
    expect(named(entities, "organisation")).toEqual(expect.arrayContaining(["Treasury Department", "Kataib Hezbollah"]));
    expect(named(entities, "place")).toEqual(expect.arrayContaining(["Golan Heights", "Lebanon", "Palestine", "Gaza"]));
  });
});

describe("findEntities rules", () => {
  it("resolves demonyms and capitals to the country", () => {
    const entities = findEntities({ title: "Talks resume", body: "A Syrian official arrived in Damascus on Tuesday." });
    expect(entities).toEqual([{ kind: "place", name: "Syria", mentions: 2 }]);
  });

  it("does not read the pronoun 'us' or the bird 'turkey' as countries", () => {
    const entities = findEntities({
      title: "Trade row",
      body: "Let us be clear, the minister told us. The US disagreed. We ate turkey for dinner.",
    });
    expect(entities).toEqual([{ kind: "place", name: "United States", mentions: 1 }]);
  });

  it("strips titles and possessives and merges later surname mentions", () => {
    const entities = findEntities({
      title: "Kremlin visit",
      body: "President Vladimir Putin’s visit was short. Mr Putin said little. Putin left on Friday.",
    });
    expect(entities).toEqual([{ kind: "person", name: "Vladimir Putin", mentions: 3 }]);
  });

  it("sends a surname after Mrs or Mr to the full name of that gender, even at the start of a sentence", () => {
    const entities = findEntities({
      title: "State dinner",
      body:
        "President Barack Obama hosted the dinner with Michelle Obama. Mrs Obama chose the menu. " +
        "Guests praised Mrs Obama. Mr Obama spoke last. Obama left early.",
    });
    // Barack: his full name, "Mr Obama" and the bare "Obama" (the first named); Michelle: hers and both "Mrs Obama".
    expect(entities).toEqual([
      { kind: "person", name: "Barack Obama", mentions: 3 },
      { kind: "person", name: "Michelle Obama", mentions: 3 },
    ]);
  });

  it("takes a full name only the headline spells out for the matching titled surname", () => {
    const entities = findEntities({
      title: "Michelle Obama makes Vogue cover",
      body: "President Barack Obama's wife is on the cover. Mrs Obama chose her outfits. Critics liked Mrs Obama's dress.",
    });
    expect(entities).toEqual([
      { kind: "person", name: "Michelle Obama", mentions: 3 },
      { kind: "person", name: "Barack Obama", mentions: 1 },
    ]);
  });

  it("does not give Mrs Smith a man's full name: the surname stands alone", () => {
    const entities = findEntities({
      title: "Court",
      body: "David Smith was charged. Mrs Smith, his mother, said he was innocent.",
    });
    expect(entities).toEqual([
      { kind: "person", name: "David Smith", mentions: 1 },
      { kind: "person", name: "Smith", mentions: 1 },
    ]);
  });

  it("reads a lone given name as the one person of the article with that given name, and only then", () => {
    expect(findEntities({ title: "Goal", body: "Harry Kane scored twice. Harry celebrated with the fans." })).toEqual([
      { kind: "person", name: "Harry Kane", mentions: 2 },
    ]);
    expect(findEntities({ title: "Talks", body: "George Bush met George Osborne. George laughed." })).toEqual([
      { kind: "person", name: "George Bush", mentions: 1 },
      { kind: "person", name: "George Osborne", mentions: 1 },
    ]);
  });

  it("splits a capital or a city before a title from the person it names, but keeps a name that starts with a capital", () => {
    expect(findEntities({ title: "Approved", body: "The plan was approved. London Mayor Sadiq Khan said it would help." })).toEqual([
      { kind: "place", name: "United Kingdom", mentions: 1 },
      { kind: "person", name: "Sadiq Khan", mentions: 1 },
    ]);
    expect(findEntities({ title: "Football", body: "The match ended late. Paris Saint-Germain won again." })).toEqual([
      { kind: "organisation", name: "Paris Saint-Germain", mentions: 1 },
    ]);
    expect(findEntities({ title: "Vote", body: "New York Senator Charles Schumer voted for it." })).toEqual([
      { kind: "place", name: "New York", mentions: 1 },
      { kind: "person", name: "Charles Schumer", mentions: 1 },
    ]);
  });

  it("splits an organisation before a title from the person it names, but not a portfolio or a league", () => {
    expect(findEntities({ title: "Loans", body: "Greece asked for more time. IMF Managing Director Christine Lagarde said no." })).toEqual([
      { kind: "place", name: "Greece", mentions: 1 },
      { kind: "organisation", name: "IMF", mentions: 1 },
      { kind: "person", name: "Christine Lagarde", mentions: 1 },
    ]);
    expect(findEntities({ title: "Schools", body: "The plan was published. Education Secretary Ruth Kelly backed it." })).toEqual([
      { kind: "person", name: "Ruth Kelly", mentions: 1 },
    ]);
    expect(findEntities({ title: "Football", body: "Sponsors were found. The FA Premier League signed them." })).toEqual([
      { kind: "organisation", name: "FA Premier League", mentions: 1 },
    ]);
  });

  it("reads a title before a name ending like a place (Hill) as a title all the same", () => {
    expect(findEntities({ title: "Housing", body: "The plans were costed. Housing Minister Keith Hill said so. Mr Hill said more." })).toEqual([
      { kind: "person", name: "Keith Hill", mentions: 2 },
    ]);
  });

  it("drops sentence-initial common words, pronouns, months, weekdays and numbers", () => {
    const entities = findEntities({
      title: "Talks",
      body: "However, the talks ended. They resume in March 2025. On Monday, Officials met. Both sides agreed.",
    });
    expect(entities).toEqual([]);
  });

  it("keeps institution and place names whole and reads '-based' / '-led' compounds", () => {
    const entities = findEntities({
      title: "Football and oil",
      body: "Northern Ireland fans cheered. The Premier League said Moscow-based Yukos paid. Rivals of Yukos complained, analyst Michael Blythe said.",
    });
    expect(entities).toEqual([
      { kind: "organisation", name: "Yukos", mentions: 2 },
      { kind: "place", name: "Northern Ireland", mentions: 1 },
      { kind: "organisation", name: "Premier League", mentions: 1 },
      { kind: "place", name: "Russia", mentions: 1 },
      { kind: "person", name: "Michael Blythe", mentions: 1 },
    ]);
    const led = findEntities({ title: "Talks", body: "Officials met the Hamas-led government in Gaza. The BBC reported it on TV." });
    expect(led).toEqual([
      { kind: "organisation", name: "Hamas", mentions: 1 },
      { kind: "place", name: "Gaza", mentions: 1 },
      { kind: "organisation", name: "BBC", mentions: 1 },
    ]);
  });

  it("keeps a hyphenated given name after a family name whole, and finds it again after Mr", () => {
    const entities = findEntities({
      title: "Summit",
      body: "UN Secretary General Ban Ki-moon welcomed talks between North Korean leader Kim Jong-un and President Moon Jae-in. Mr Ban said more. The Seoul-based envoy and a Texan-born aide also came.",
    });
    expect(entities.filter((e) => e.kind === "person")).toEqual([
      { kind: "person", name: "Ban Ki-moon", mentions: 2 },
      { kind: "person", name: "Kim Jong-un", mentions: 1 },
      { kind: "person", name: "Moon Jae-in", mentions: 1 },
    ]);
    // A compound adjective after a name is still cut off: "Willy Loman-style", not a name "Loman-style".
    const style = findEntities({ title: "Sales", body: "Critics saw Willy Loman-style salesmen everywhere." });
    expect(style.map((e) => e.name)).toEqual(["Willy Loman"]);
  });

  it("keeps a Cantonese given name ending like an -ing word whole (\"Lam Cheuk-ting\", \"Yau Wai-ching\", \"Leung Che-cheung\")", () => {
    const names = findEntities({ title: "Results", body: "Lam Cheuk-ting won. Yau Wai-ching and Leung Che-cheung lost their seats." }).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["Lam Cheuk-ting", "Yau Wai-ching", "Leung Che-cheung"]));
    expect(kindsByName({ title: "News", body: "Kremlin-leaning papers said so." })).not.toHaveProperty("Kremlin-leaning");
  });

  it("ends a name before a capitalised \"In\" that starts a sentence without a full stop (a caption run into the text)", () => {
    const names = findEntities({ title: "Results", body: "DAB 's Elizabeth Quat In the New Territories East constituency, the party won." }).map((e) => e.name);
    expect(names).toContain("Elizabeth Quat");
    expect(names).not.toContain("Elizabeth Quat In");
  });

  it("reads a lone America as the United States, and keeps Latin America and South America apart", () => {
    const entities = findEntities({ title: "Trade", body: "America's allies met the United States envoy. Exports to Latin America and South America rose." });
    expect(entities.find((e) => e.name === "United States")?.mentions).toBe(2);
    expect(entities.map((e) => e.name).sort()).toEqual(["Latin America", "South America", "United States"]);
  });

  it("reads French street and stadium names as places, and a stadium word before a plain name as a club", () => {
    const kinds = kindsByName({
      title: "Night of attacks",
      body: "Blasts hit the Stade de France. Gunmen fired on the Rue de Charonne and the Boulevard Voltaire. Stade Toulousain beat Stade Français.",
    });
    expect(kinds).toMatchObject({ "Stade de France": "place", "Rue de Charonne": "place", "Boulevard Voltaire": "place" });
    expect(kinds).toMatchObject({ "Stade Toulousain": "organisation", "Stade Français": "organisation" });
  });

  it("reads a role word before an institution as describing it, and a plan as no entity", () => {
    const kinds = kindsByName({
      title: "Results",
      body: "Champions Arsenal beat champion Manchester United. Sales fell at partner Mitsubishi Motors, said actress Nathalie Press. Aid came under the Marshall Plan.",
    });
    expect(kinds).toMatchObject({ "Manchester United": "organisation", "Mitsubishi Motors": "organisation", "Nathalie Press": "person" });
    expect(kinds["Marshall Plan"]).toBeUndefined();
  });

  it("reads a flight number as the flight, apart from the airline, and 'Flight' alone as no name", () => {
    const entities = findEntities({
      title: "Search",
      body: "The search for Malaysia Airlines Flight MH370 went on. Flight MH370 vanished. The Flight 370 search moved. Flight Centre profits rose.",
    });
    expect(entities.map((e) => `${e.kind}:${e.name}:${e.mentions}`)).toEqual([
      "organisation:MH370:2",
      "place:Malaysia:1",
      "organisation:Malaysia Airlines:1",
      "organisation:Flight Centre:1",
    ]);
  });

  it("reads a name ending in an acronym or a model number as a product or firm, and drops letters after a person's name", () => {
    const kinds = kindsByName({
      title: "Briefing",
      body: "Microsoft patched Windows XP. Auditors at Deloitte LLP agreed, and Casio QV-10 owners use Qualcomm MSM8974 chips. Philippe Sands QC and Ruth Kelly MP spoke. Queen Elizabeth II waved. The Labour MP left.",
    });
    expect(kinds).toMatchObject({
      "Windows XP": "organisation",
      "Deloitte LLP": "organisation",
      "Casio QV-10": "organisation",
      "Qualcomm MSM8974": "organisation",
      "Philippe Sands": "person",
      "Ruth Kelly": "person",
      "Elizabeth II": "person",
    });
    expect(kinds["Labour"]).not.toBe("person");
  });

  it("reads a name with silk or honours after it as a person, whatever the words before it say", () => {
    // "Grey" is no given name in the lexicon and "Mansfield" is a town: only "QC" says who this is.
    const kinds = kindsByName({
      title: "Bar warns ministers",
      body: "The chairman of the Bar Council, Grey Mansfield QC warned of a risk. Dodd OBE agreed.",
    });
    expect(kinds).toMatchObject({ "Bar Council": "organisation", "Grey Mansfield": "person", Dodd: "person" });
  });

  it("reads unknown words with a given name among them as a person, ordinary capitalised words as an institution", () => {
    // "Hussein" and "Henry" are given names, not ordinary words; "Saddam" and "Thierry" are unknown.
    const kinds = kindsByName({
      title: "Film looks back",
      body: "The film looks at life after Saddam Hussein. Thierry Henry scored twice. JP Morgan shares rose, and the Coordination Framework met.",
    });
    expect(kinds).toMatchObject({ "Saddam Hussein": "person", "Thierry Henry": "person", "JP Morgan": "organisation", "Coordination Framework": "organisation" });
  });

  it("leaves a word for what someone is out of the person's name", () => {
    const kinds = kindsByName({
      title: "Relay team named",
      body: "Sprinter Mark Lewis-Francis will run. Frenchman Cyril Saulnier lost. Briton Tim Henman won. Housing Minister Keith Hill agreed.",
    });
    expect(kinds).toMatchObject({ "Mark Lewis-Francis": "person", "Cyril Saulnier": "person", "Tim Henman": "person", "Keith Hill": "person" });
    expect(Object.keys(kinds).filter((name) => /Sprinter|Frenchman|Briton|Minister/.test(name))).toEqual([]);
  });

  it("leaves a party out of its member's name, and keeps the party's own names whole", () => {
    const kinds = kindsByName({
      title: "Vote on the bill",
      body: "The bill was backed by Conservative Michael Howard and Democrat John Kerry. Liberal Democrat Charles Kennedy spoke, and Socialist Neil Hamilton left. The Conservative Party met.",
    });
    expect(kinds).toMatchObject({ "Michael Howard": "person", "John Kerry": "person", "Charles Kennedy": "person", "Neil Hamilton": "person", "Conservative Party": "organisation" });
    expect(Object.keys(kinds).filter((name) => /Conservative |Democrat |Socialist /.test(name) && name !== "Conservative Party")).toEqual([]);
  });

  it("names no entity for a people's adjective on its own (Kurdish, English), but keeps names that include one", () => {
    const names = findEntities({
      title: "English teams banned after final",
      body: "The Football Association has banned English clubs from playing in Europe. \"It is now up to English football to put its house in order,\" said the minister. Kurdish forces advanced and English Heritage owns the site.",
    }).map((e) => e.name);
    expect(names).toContain("English Heritage");
    expect(names).toContain("Football Association");
    expect(names.filter((name) => ["English", "Kurdish"].includes(name))).toEqual([]);
  });

  it("reads \"Secretary of State\" as a title before a name, not as part of an organisation's name", () => {
    const kinds = kindsByName({
      title: "Talks in London",
      body: "US Secretary of State Condoleezza Rice will attend. The Department of State agreed, as did the State of Texas.",
    });
    expect(kinds).toMatchObject({ "Condoleezza Rice": "person", "Department of State": "organisation" });
    expect(Object.keys(kinds).filter((name) => name.includes("Rice"))).toEqual(["Condoleezza Rice"]);
  });

  it("reads regions and bodies of water as places, and their adjectives as no one", () => {
    const kinds = kindsByName({
      title: "Oil prices",
      body: "Supply from the Middle East and the Gulf of Mexico fell, and ships left the Strait of Hormuz for the Far East. Middle Eastern producers met Latin American buyers. The House of Representatives and the Bank of England were silent.",
    });
    expect(kinds).toMatchObject({
      "Middle East": "place",
      "Gulf of Mexico": "place",
      "Strait of Hormuz": "place",
      "Far East": "place",
      "House of Representatives": "organisation",
      "Bank of England": "organisation",
    });
    expect(kindsByName({ title: "Heat", body: "It was hot. Sydney sweltered, Houston flooded and Kent froze." })).toEqual({
      Sydney: "place",
      Houston: "place",
      Kent: "place",
    });
    expect(Object.keys(kinds).filter((name) => /Eastern|American/.test(name))).toEqual([]);
  });

  it("names no entity for the title of a film, a book or a show, wherever the article repeats it", () => {
    const kinds = kindsByName({
      title: "Oscar race",
      body: "Martin Scorsese's film The Aviator leads the race. The Aviator won five Baftas. Andrea Levy's novel Small Island and the film Ray, about Ray Charles, did well. Jamie Foxx plays Ray.",
    });
    expect(kinds).toEqual({
      "Martin Scorsese": "person",
      "Andrea Levy": "person",
      "Ray Charles": "person",
      "Jamie Foxx": "person",
    });
  });

  it("names no entity for a tournament's prize (\"Grand Slam\")", () => {
    expect(kindsByName({ title: "Decider", body: "Wales won the Grand Slam in Cardiff. Ireland chase a Six Nations Grand Slam." })).toEqual({
      Wales: "place",
      Cardiff: "place",
      Ireland: "place",
    });
  });

  it("names no entity for a plural acronym or a technical term (\"PCs\", \"LTE\", \"R&B\")", () => {
    const names = findEntities({ title: "Sales", body: "Sales of PCs and DVDs fell at IBM, and OEMs cut prices. The phone has LTE, NFC and 2GB of RAM. R&B sales rose." }).map((e) => e.name);
    expect(names).toEqual(["IBM"]);
  });

  it("reads a weekly or a league as an organisation, not a person (\"Charlie Hebdo\", \"La Liga\")", () => {
    expect(kindsByName({ title: "Paris", body: "Charlie Hebdo was attacked. La Liga leaders Barcelona won." })).toMatchObject({
      "Charlie Hebdo": "organisation",
      "La Liga": "organisation",
    });
  });

  it("reads a lone name before a rank in lower case and a person as where the person holds the rank", () => {
    const kinds = kindsByName({
      title: "Cup tie",
      body: "The draw pleased Wrexham boss Denis Smith. England captain Michael Vaughan and Labour leader Tony Blair watched. Mr Brown said Blair aide Sally Morgan left.",
    });
    expect(kinds).toMatchObject({ Wrexham: "organisation", "Denis Smith": "person", England: "place", "Sally Morgan": "person" });
  });

  it("reads given names that are everyday words as given names: Bill Clinton is no organisation", () => {
    const kinds = kindsByName({
      title: "Guests",
      body: "Bill Clinton met Will Young and Frank Lampard. Later Ray Winstone and Robin Cook arrived, with Warren Beatty and Lee Bowyer.",
    });
    expect(kinds).toEqual({
      "Bill Clinton": "person",
      "Will Young": "person",
      "Frank Lampard": "person",
      "Ray Winstone": "person",
      "Robin Cook": "person",
      "Warren Beatty": "person",
      "Lee Bowyer": "person",
    });
  });

  it("reads a name that starts with an acronym as an organisation, even after \"in\" or \"from\"", () => {
    const kinds = kindsByName({ title: "Transfer", body: "He moved from AC Milan to CSKA Moscow, and then to a club in Sharm Elsheikh." });
    expect(kinds).toMatchObject({ "AC Milan": "organisation", "CSKA Moscow": "organisation", "Sharm Elsheikh": "place" });
  });

  it("reads a title's portfolio as no one's name, though it may be a place, and keeps an MP's seat", () => {
    const kinds = kindsByName({
      title: "Casinos bill",
      body: "Tessa Jowell, the Secretary of State for Culture, defended it. Minister for Iraq Denis MacShane agreed. Stephen Pound, the MP for Ealing North, did not.",
    });
    expect(kinds).toMatchObject({ "Tessa Jowell": "person", "Denis MacShane": "person", Iraq: "place", "Stephen Pound": "person" });
    expect(kinds).toHaveProperty("Ealing North");
    expect(Object.keys(kinds).filter((name) => /Culture|Iraq /.test(name))).toEqual([]);
  });

  it("reads a name whose last word takes \"the\" on its own as a product or a firm, not a person", () => {
    // "Galaxy" is no given name: only "the Alpha" says what this is. A family name before a noun
    // ("the Abdeslam brothers") or with a title elsewhere ("Mr. Mitsotakis") stays a person's.
    const kinds = kindsByName({
      title: "Phones",
      body:
        "Samsung showed the new Galaxy Alpha on Monday. Shoppers like the Alpha, and the Alpha is light. " +
        "Police hunted Salah Abdeslam. The Abdeslam brothers fled. " +
        "Constantinos Mitsotakis was prime minister; the Mitsotakis and Karamanlis families ruled. Mr. Mitsotakis retired.",
    });
    expect(kinds).toMatchObject({ "Galaxy Alpha": "organisation", "Salah Abdeslam": "person", "Constantinos Mitsotakis": "person" });
    expect(findEntities({ title: "Phones", body: "Shoppers like the Alpha, and the Alpha is light. Samsung's Galaxy Alpha sold out." })).toContainEqual({
      kind: "organisation",
      name: "Galaxy Alpha",
      mentions: 3,
    });
  });

  it("reads Air and a country at the start of a sentence as the airline", () => {
    const kinds = kindsByName({ title: "Jobs", body: "Air France cut jobs. Air travel to India grew." });
    expect(kinds).toEqual({ "Air France": "organisation", India: "place" });
  });

  it("counts an organisation's plural and singular as one (Social Democrats and Social Democrat)", () => {
    const entities = findEntities({
      title: "Tax row",
      body: "The Social Democrats unveiled their plans on Monday. Their rivals said the Social Democrat leader was wrong. The Social Democrats denied it, and the Social Democrat party chairman agreed. The Free Democrats and the Free Democrat leader disagreed.",
    });
    expect(entities.filter((e) => e.kind === "organisation").map((e) => `${e.name}:${e.mentions}`)).toEqual(["Social Democrats:4", "Free Democrats:2"]);
  });

  it("orders by mentions, then by first appearance", () => {
    const entities = findEntities({ title: "Neighbours", body: "Iraq and Iran met. Later Iran and Iraq and Jordan spoke." });
    expect(entities.map((e) => `${e.name}:${e.mentions}`)).toEqual(["Iraq:2", "Iran:2", "Jordan:1"]);
  });

  it("in headline-style titles counts only names the article or the gazetteer knows", () => {
    const entities = findEntities({
      title: "Moscow Talks: Russia, Syria Disagree on Deployment",
      body: "Officials from Russia met in Moscow.",
    });
    expect(entities).toEqual([
      { kind: "place", name: "Russia", mentions: 4 },
      { kind: "place", name: "Syria", mentions: 1 },
    ]);
  });

  it("is deterministic and returns valid entities", () => {
    const first = findEntities(iraq);
    expect(findEntities(iraq)).toEqual(first);
    for (const e of first) expect(Entity.parse(e)).toEqual(e);
  });
});
