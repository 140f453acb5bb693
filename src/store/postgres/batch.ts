// Batches: calls of one kind that arrive while the previous query of that kind is out are answered
// together by the next one. At 08:00 a replica records a thousand channels' briefings at once; one
// statement for many of them saves a round trip (and the server a statement) for each of the others.

/** Runs the inputs as one query; answers in the same order. */
export type BatchQuery<In, Out> = (inputs: In[]) => Promise<Out[]>;

/** Inputs in one query at most: a statement's parameters stay a few megabytes. */
const MAX_BATCH = 500;

interface Call<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

export class Batch<In, Out> {
  private waiting: Array<Call<In, Out>> = [];
  private running = false;

  constructor(private readonly query: BatchQuery<In, Out>) {}

  /** The answer to `input`, from the next query of the batch. A failed query of several inputs is
   * run again for each on its own (each query is one statement: a failed one wrote nothing), so one
   * bad input, or a slot another replica's statement conflicted with, fails only its own call. */
  run(input: In): Promise<Out> {
    const answer = new Promise<Out>((resolve, reject) => this.waiting.push({ input, resolve, reject }));
    if (!this.running) {
      this.running = true;
      // Calls made in the same turn of the event loop go out together.
      setImmediate(() => void this.drain());
    }
    return answer;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const calls = this.waiting.splice(0, MAX_BATCH);
      try {
        const outs = await this.query(calls.map((call) => call.input));
        calls.forEach((call, i) => call.resolve(outs[i]!));
      } catch (error) {
        if (calls.length === 1) calls[0]!.reject(error);
        else for (const call of calls) await this.alone(call);
      }
    }
    this.running = false;
  }

  private async alone(call: Call<In, Out>): Promise<void> {
    try {
      const [out] = await this.query([call.input]);
      call.resolve(out!);
    } catch (error) {
      call.reject(error);
    }
  }
}
