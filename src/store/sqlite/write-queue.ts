// One write at a time on the connection. SQLite has one transaction per connection: a unit of work
// awaits between its statements, and a write from elsewhere in the process (a delivery recorded
// meanwhile) must not land inside it, to be rolled back with it.
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every write queued before it. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
