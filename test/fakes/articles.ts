// Article text shared by tests that need realistic reports: an earthquake in four paragraphs, and a
// cup final in three (news with nothing in common with the earthquake).
export const QUAKE_BODY = [
  "A magnitude 6.8 earthquake struck the coast of Peru near the city of Arequipa early on Tuesday, the national seismology institute said.",
  "Rescue teams in Arequipa searched collapsed houses in three districts, and the regional governor Carlos Mendoza said at least twelve people had died.",
  "The Peruvian government declared a state of emergency for the Arequipa region and sent army engineers to clear the blocked highway to the coast.",
  "Aftershocks shook the region through the morning, and schools across southern Peru stayed closed while engineers checked their buildings.",
].join("\n\n");

export const FOOTBALL_BODY = [
  "Rovers beat United on penalties to win the cup final at a packed national stadium on Saturday evening.",
  "Their goalkeeper saved two spot kicks after the match ended goalless, and the captain lifted the trophy in front of thirty thousand fans.",
  "The manager praised his young squad, who had been tipped for relegation at the start of the season.",
].join("\n\n");
