/** A record's place in its topic's send order: wait for `previous`, then call `done`. */
export interface SendTurn {
  /** Undefined when nothing before this record is still being prepared. */
  readonly previous?: Promise<void>;
  done(): void;
}

const NO_TURN: SendTurn = { done: () => undefined };

/**
 * Keeps records of one topic going to the producer in the order they were received when some of
 * them are prepared asynchronously (Schema Registry lookups): a later record must not overtake
 * an earlier one still waiting for its schema, nor look up a subject's latest version before an
 * earlier record registered it. Records prepared synchronously while nothing is pending take no
 * turn at all, so the plain hot path costs one map lookup.
 */
export class SendOrder {
  private readonly chains = new Map<string, { tail: Promise<void>; open: number }>();

  /** Call synchronously, in request order. `slow`: this record's preparation may await. */
  enter(topic: string, slow: boolean): SendTurn {
    const chain = this.chains.get(topic);
    if (chain === undefined && !slow) {
      return NO_TURN;
    }
    let release!: () => void;
    const own = new Promise<void>((resolve) => (release = resolve));
    const previous = chain?.tail;
    // Handed over once this record and every record before it are.
    const tail = previous === undefined ? own : previous.then(() => own);
    const entry = chain ?? { tail, open: 0 };
    entry.tail = tail;
    entry.open += 1;
    this.chains.set(topic, entry);
    let released = false;
    return {
      previous,
      done: () => {
        if (released) {
          return;
        }
        released = true;
        release();
        entry.open -= 1;
        if (entry.open === 0 && this.chains.get(topic) === entry) {
          this.chains.delete(topic);
        }
      },
    };
  }
}

const PLAIN_TYPES = new Set(['BINARY', 'JSON', 'STRING']);

/** Whether preparing `request` may await (a key or value resolved through Schema Registry). */
export function preparesSlowly(request: {
  key?: { type?: string } | null;
  value?: { type?: string } | null;
}): boolean {
  const slow = (data: { type?: string } | null | undefined): boolean =>
    data !== undefined && data !== null && !PLAIN_TYPES.has(data.type ?? '');
  return slow(request.key) || slow(request.value);
}
