// Article text shared by tests that need a realistic report: an earthquake, in four paragraphs.
export const QUAKE_BODY = [
  "A magnitude 6.8 earthquake struck the coast of Peru near the city of Arequipa early on Tuesday, the national seismology institute said.",
  "Rescue teams in Arequipa searched collapsed houses in three districts, and the regional governor Carlos Mendoza said at least twelve people had died.",
  "The Peruvian government declared a state of emergency for the Arequipa region and sent army engineers to clear the blocked highway to the coast.",
  "Aftershocks shook the region through the morning, and schools across southern Peru stayed closed while engineers checked their buildings.",
].join("\n\n");
