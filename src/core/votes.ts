// Votes: counts per choice, and the choice with the most ("Chelsea" read as a club in three
// articles and as a person in one is a club).

/** Adds `weight` to `choice`'s count. */
export function vote<K>(votes: Map<K, number>, choice: K, weight: number): void {
  votes.set(choice, (votes.get(choice) ?? 0) + weight);
}

/** The choice with the most votes; the first counted on a tie. The map must not be empty. */
export function winner<K>(votes: Map<K, number>): K {
  return [...votes].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}
