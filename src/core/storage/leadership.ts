// Leadership: one process at a time does a job that must not run twice at once (the Discord
// gateway: two connections would answer every interaction twice). The database decides who.

export interface Leadership {
  /**
   * True while this process holds it: taken now, or held already and still held. False while another
   * process holds it. Never waits. Holders ask again every few seconds: a holder whose hold was lost
   * (its database connection dropped) is told false here, and must stop the job.
   */
  acquire(): Promise<boolean>;
  /** Gives it up (if held): another process's next acquire takes it. */
  release(): Promise<void>;
}
