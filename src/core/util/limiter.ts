/**
 * Runs at most `concurrency` tasks at once, in submission order. Keeps EnvFlow
 * polite to GitHub (never more than two requests in flight: GitHub's secondary rate
 * limit punishes bursts of concurrent requests) without
 * serialising everything.
 */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
