/** The most a WebSocket frame header takes (2 bytes, 8 of extended length, 4 of mask). */
const FRAME_HEADER_MAX_BYTES = 14;

/**
 * Bytes that arrived on one connection and are not yet a whole message: what `ws` holds in
 * memory for it (partial frames, fragments of an unfinished message). Counted from the raw
 * socket's data and settled as each message, ping or pong completes.
 */
export class InFlight {
  bytes = 0;
  isReleased = false;

  constructor(
    private readonly budget: InFlightBudget,
    /** Called when the budget sheds this connection: drop it now. */
    readonly shed: () => void,
  ) {}

  /** For the raw socket's `data` event (registered before ws parses the same chunk). */
  onData = (chunk: Buffer): void => {
    if (this.isReleased) return;
    this.bytes += chunk.length;
    this.budget.add(chunk.length);
  };

  /** A message (or control frame) of `payloadBytes` completed: its bytes are no longer held. */
  settle(payloadBytes: number): void {
    const settled = Math.min(this.bytes, payloadBytes + FRAME_HEADER_MAX_BYTES);
    this.bytes -= settled;
    this.budget.add(-settled);
  }

  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    this.budget.forget(this);
  }
}

/**
 * One budget for the half-received WebSocket messages of every Yjs connection. `ws` bounds each
 * message (`maxPayload`) but not how many connections hold one half-sent at once; past the
 * budget the connection holding the most is dropped, and everyone else's messages keep flowing.
 */
export class InFlightBudget {
  private total = 0;
  private readonly holders = new Set<InFlight>();

  constructor(private readonly maxBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  track(shed: () => void): InFlight {
    const inFlight = new InFlight(this, shed);
    this.holders.add(inFlight);
    return inFlight;
  }

  add(bytes: number): void {
    this.total += bytes;
    while (this.total > this.maxBytes) {
      const largest = this.largest();
      if (!largest || largest.bytes === 0) return;
      largest.release();
      largest.shed();
    }
  }

  forget(inFlight: InFlight): void {
    this.holders.delete(inFlight);
    this.total -= inFlight.bytes;
    inFlight.bytes = 0;
  }

  private largest(): InFlight | null {
    let largest: InFlight | null = null;
    for (const holder of this.holders) if (!largest || holder.bytes > largest.bytes) largest = holder;
    return largest;
  }
}
