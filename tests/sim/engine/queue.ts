/**
 * The simulation's clock and agenda: events are plain data (so a checkpoint can save them and a
 * resumed run continue), kept in a binary heap ordered by time, then by the order they were added.
 * The clock jumps from event to event; nothing runs between them.
 */
export interface SimEvent<D = unknown> {
  at: number;
  seq: number;
  kind: string;
  data: D;
}

export class Agenda {
  private heap: SimEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add<D>(at: number, kind: string, data: D): void {
    const e: SimEvent = { at, seq: this.seq++, kind, data };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  /** The earliest event, removed. */
  next(): SimEvent | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Every event at the earliest time (removed), in the order added. */
  nextBatch(): SimEvent[] {
    const first = this.next();
    if (!first) return [];
    const batch = [first];
    while (this.heap.length && this.heap[0]!.at === first.at) batch.push(this.next()!);
    return batch;
  }

  toJSON(): { seq: number; events: SimEvent[] } {
    return { seq: this.seq, events: [...this.heap] };
  }

  static fromJSON(j: { seq: number; events: SimEvent[] }): Agenda {
    const a = new Agenda();
    a.heap = [...j.events].sort((x, y) => (before(x, y) ? -1 : 1));
    a.seq = j.seq;
    return a;
  }
}

const before = (a: SimEvent, b: SimEvent): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** The fake clock every handler reads (their `deps.now`). */
export class SimClock {
  constructor(private t: number) {}
  now = (): Date => new Date(this.t);
  get ms(): number {
    return this.t;
  }
  set(ms: number): void {
    if (ms < this.t) throw new Error(`the clock cannot go back: ${new Date(ms).toISOString()} < ${new Date(this.t).toISOString()}`);
    this.t = ms;
  }
}
