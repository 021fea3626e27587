import { boardSize, NEARLY_FULL_SHARE, type BoardSize } from '../../lib/boardNotices';
import { LIMITS } from '../../lib/limits';

/** Near the limit, the real size is measured (a compaction) at most this often, while it changes. */
export const REMEASURE_MS = 5_000;

/**
 * Watches one room's size (an upper bound kept without re-encoding: the last measured state
 * plus every update since) so the room can tell everyone when the board nears its limit, and
 * asks for a measurement (a compaction re-encodes the state) when the estimate may be stale:
 * near the limit the estimate grows with every overwrite, while deletes shrink the real size.
 */
export class BoardSizeWatch {
  private measuredAt = 0;
  private isNearlyFull: boolean;

  constructor(
    private bytes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.isNearlyFull = boardSize(bytes).isNearlyFull;
  }

  get estimate(): number {
    return this.bytes;
  }

  get current(): BoardSize {
    return boardSize(this.bytes);
  }

  /**
   * An update of `byteLength` was applied. Returns in how many ms the room should measure the
   * real size (0: now), or null when the board is far from its limit.
   */
  grew(byteLength: number): number | null {
    this.bytes += byteLength;
    if (this.bytes < LIMITS.docBytes * NEARLY_FULL_SHARE) return null;
    return Math.max(0, this.measuredAt + REMEASURE_MS - this.now());
  }

  measured(bytes: number): void {
    this.bytes = bytes;
    this.measuredAt = this.now();
  }

  /** The size notice to send everyone when the board crossed the 90 % line (either way), else null. */
  change(): BoardSize | null {
    const size = this.current;
    if (size.isNearlyFull === this.isNearlyFull) return null;
    this.isNearlyFull = size.isNearlyFull;
    return size;
  }
}
