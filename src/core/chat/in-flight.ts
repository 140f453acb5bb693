// Answers being worked on: a command or click acknowledged to the platform but not yet answered.
// Stopping waits for them, so a command typed just before a restart still gets its answer.
export class InFlight {
  private readonly running = new Set<Promise<void>>();

  /** Runs `work`, remembered until it settles; its errors are the caller's to handle inside it. */
  run(work: () => Promise<void>): Promise<void> {
    const promise = work().finally(() => this.running.delete(promise));
    this.running.add(promise);
    return promise;
  }

  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
