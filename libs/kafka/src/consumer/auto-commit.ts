import { PollConsumerOptions } from './consumer.types';

const AUTO_COMMIT_INTERVAL_MS = 5_000;

/**
 * A consumer's auto-commit, when its options turn it on: every few seconds at a poll, and when
 * asked (before partitions are given back or the consumer goes). A failed commit is ignored.
 */
export class AutoCommit {
  private lastAutoCommit = Date.now();

  constructor(
    private readonly options: PollConsumerOptions,
    private readonly commit: () => Promise<unknown>,
  ) {}

  async ifDue(): Promise<void> {
    if (Date.now() - this.lastAutoCommit >= AUTO_COMMIT_INTERVAL_MS) {
      await this.now();
    }
  }

  async now(): Promise<void> {
    if (this.options.autoCommit) {
      this.lastAutoCommit = Date.now();
      await this.commit().catch(() => undefined);
    }
  }
}
