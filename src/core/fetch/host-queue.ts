// Politeness: one request at a time per host:port; different hosts run in parallel.

export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the host's turn; call the returned function when the request is over. */
  async acquire(url: URL): Promise<() => void> {
    const key = hostKey(url);
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

function hostKey(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}:${port}`;
}
