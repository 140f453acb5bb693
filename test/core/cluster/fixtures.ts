// Small news articles written for the clustering tests: one wire story, the same copy re-published
// with light edits, an outlet's own report on the same event, and unrelated news.
import { findEntities } from "../../../src/core/nlp/entities.js";
import type { ClusterArticle } from "../../../src/core/cluster/features.js";

export const DAY_MS = 86_400_000;
export const T0 = new Date("2026-03-02T09:00:00Z");

export function at(days: number): Date {
  return new Date(T0.getTime() + days * DAY_MS);
}

export function article(title: string, body: string, newsAt: Date = T0): ClusterArticle {
  return { title, body, entities: findEntities({ title, body }), newsAt };
}

const WIRE_BODY = `Firefighters battled a large blaze at the Nordchem chemical plant in the port of Rotterdam on Tuesday, and authorities ordered the evacuation of about 2,000 residents living nearby as thick black smoke drifted over the city.

The fire broke out shortly after 6 a.m. in a storage hall holding solvents, the Rotterdam fire brigade said in a statement. No injuries were reported, but two workers were treated for smoke inhalation.

Mayor Ahmed Aboutaleb urged people in the districts of Pernis and Hoogvliet to keep their windows and doors closed and to switch off ventilation systems. Schools in the area were closed for the day.

Nordchem, which employs around 400 people at the site, said its emergency team had shut down production lines and was working with firefighters to contain the blaze. The cause of the fire was not yet known.

Environmental inspectors were measuring air quality around the plant and said early readings showed no dangerous levels of toxic gases. Shipping traffic on a nearby stretch of the river Maas was halted as a precaution.`;

/** A wire story as the agency sent it. */
export const wire = article("Fire at Rotterdam chemical plant forces evacuation of 2,000 residents", WIRE_BODY);

/** The same wire copy re-published by another outlet: new headline, a few words changed, a line added. */
export const wireRepublished = article(
  "Rotterdam chemical plant blaze forces 2,000 to leave their homes",
  WIRE_BODY.replace("on Tuesday", "early on Tuesday")
    .replace("about 2,000 residents", "roughly 2,000 residents")
    .replace("No injuries were reported", "Nobody was injured")
    .replace("The cause of the fire was not yet known.", "The cause of the fire is still unknown.") +
    "\n\nThe outlet will update this story as more information becomes available.",
);

/** An outlet's own report on the same fire: same event, same people, its own words. */
export const ownReport = article(
  "Residents flee as toxic smoke from Rotterdam chemical fire darkens the sky",
  `Hundreds of families packed bags and left their homes in Pernis on Tuesday morning after a fire tore through a solvent store at the Nordchem chemical plant, sending a column of black smoke over Rotterdam.

"We woke up to sirens and the smell of burning plastic," said Marieke de Vries, a teacher who took her two children to a sports hall set up as a shelter. "The police knocked on every door and told us to go."

Mayor Ahmed Aboutaleb, speaking at a press conference near the port, said the evacuation was a precaution and that firefighters had the blaze under control by midday. He asked residents of Hoogvliet to stay indoors with their windows shut.

Nordchem's chief executive apologised to neighbours of the plant and promised a full investigation into what started the fire in the storage hall. Inspectors from the environment agency found no toxic gases above safe levels, the mayor said, but advised people to avoid the smoke.

Ships were kept away from the river Maas near the plant while the fire brigade cooled the tanks next to the burning hall.`,
);

/** Unrelated news. */
export const footballReport = article(
  "Late header gives Feyenoord victory over Ajax in Klassieker",
  `Feyenoord beat Ajax 2-1 in a tense Klassieker on Sunday, with defender Thomas Beelen heading in a corner in the final minute of stoppage time to send the home crowd into raptures.

Ajax had taken the lead just before half-time through a fine strike from Brian Brobbey, but Feyenoord equalised after the break when Santiago Gimenez finished a swift counter-attack.

The victory lifts Feyenoord to second in the Eredivisie table, four points behind leaders PSV Eindhoven, while Ajax drop to fifth. Coach Arne Slot praised his team's spirit and said the league title race was far from over.

"We never stopped believing," Slot told reporters. "The supporters pushed us forward until the last second."`,
);

/** Unrelated news of another kind. */
export const chipReport = article(
  "Chipmaker ASML raises sales forecast as demand for AI chips grows",
  `ASML raised its sales forecast for the year on Wednesday, saying demand from chipmakers building factories for artificial intelligence processors had been stronger than expected.

The Dutch company, which makes the lithography machines used to print the most advanced chips, reported quarterly net bookings of 9 billion euros, well above analysts' estimates. Chief executive Christophe Fouquet said orders for its newest extreme ultraviolet systems were at a record.

Shares in ASML rose more than six percent in Amsterdam trading. The company also announced a new share buyback programme worth 12 billion euros over three years.

Analysts said export restrictions on sales to China remained the main risk to the outlook, although the company said it expected Chinese revenue to return to normal levels next year.`,
);
