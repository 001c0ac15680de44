/**
 * Runs at most `concurrency` tasks at once, in submission order. Keeps EnvFlow
 * polite to GitHub (a few requests in flight, far below the 100 concurrent requests
 * GitHub's secondary rate limit allows) without serialising everything.
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
