import type { CreateWorkshopReply, SessionReply } from '../../lib/api';
import { seededRng } from './prng';
import { Typist } from './typist';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`POST ${new URL(url).pathname} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A workshop created through the API, with its facilitator's session token. */
export async function createWorkshop(url: string, title: string): Promise<CreateWorkshopReply & { facilitatorToken: string }> {
  const created = await postJson<CreateWorkshopReply>(`${url}/api/workshops`, { title });
  const session = await postJson<SessionReply>(
    `${url}/api/workshops/${created.code}/facilitator-session`,
    {},
    { authorization: `Bearer ${created.facilitatorKey}` },
  );
  return { ...created, facilitatorToken: session.token };
}

/**
 * One workshop's typists and what counts as acknowledged there: a note is acknowledged once a
 * client other than its author has received it (the promise "nothing acknowledged is lost" is
 * about exactly these).
 */
export class TypingWorkshop {
  readonly acknowledged = new Set<string>();
  /** Notes of typists who left (`remove`): still theirs to find on the board. */
  private readonly leftBehind = new Set<string>();

  constructor(
    readonly code: string,
    readonly facilitatorToken: string,
    readonly typists: Typist[],
  ) {
    for (const typist of typists) typist.onArrival((id) => this.acknowledged.add(id));
  }

  /** A typist joining the workshop's typing (e.g. one connected to a given instance). */
  add(typist: Typist): void {
    typist.onArrival((id) => this.acknowledged.add(id));
    this.typists.push(typist);
  }

  /** Closes a typist and stops counting its board (its notes stay expected). Not while typing. */
  remove(typist: Typist): void {
    for (const id of typist.created) this.leftBehind.add(id);
    this.typists.splice(this.typists.indexOf(typist), 1);
    typist.close();
  }

  /** Every note some typist of this workshop created. */
  created(): Set<string> {
    return new Set([...this.leftBehind, ...this.typists.flatMap((t) => [...t.created])]);
  }
}

export interface TypingRoomOptions {
  workshops: number;
  typistsPerWorkshop: number;
  /** Each typist adds a note every `intervalMs` (± 50 %). */
  intervalMs: number;
  seed?: number;
}

/**
 * A room of real clients typing notes at a steady rate in several workshops, every one joined
 * through the API and connected through `url` (the balancer spreads them over the instances).
 * Typing goes on whatever happens to the connections (offline notes are sent on reconnect), until
 * `pause()`; `resume()` starts it again.
 */
export class TypingRoom {
  private isTyping = false;
  private loops: Promise<void>[] = [];
  private count = 0;

  private constructor(
    readonly workshops: TypingWorkshop[],
    private readonly options: TypingRoomOptions,
    private readonly random: () => number,
  ) {}

  static async open(url: string, options: TypingRoomOptions): Promise<TypingRoom> {
    const workshops: TypingWorkshop[] = [];
    try {
      for (let w = 0; w < options.workshops; w += 1) {
        const { code, facilitatorToken } = await createWorkshop(url, `Typing ${w + 1}`);
        const typists: Typist[] = [];
        try {
          for (let i = 0; i < options.typistsPerWorkshop; i += 1) typists.push(await Typist.join(url, code, `Typist ${w + 1}.${i + 1}`));
        } finally {
          workshops.push(new TypingWorkshop(code, facilitatorToken, typists));
        }
      }
    } catch (error) {
      for (const typist of workshops.flatMap((w) => w.typists)) typist.close();
      throw error;
    }
    // Seeded: every run draws the same quadrants and pauses.
    return new TypingRoom(workshops, options, seededRng(options.seed ?? 12).next);
  }

  get typists(): Typist[] {
    return this.workshops.flatMap((w) => w.typists);
  }

  get notesTyped(): number {
    return this.count;
  }

  acknowledgedCount(): number {
    return this.workshops.reduce((sum, w) => sum + w.acknowledged.size, 0);
  }

  resume(): void {
    if (this.isTyping) return;
    this.isTyping = true;
    this.loops = this.typists.map(async (typist, index) => {
      await sleep(this.random() * this.options.intervalMs); // spread the typists over the interval
      while (this.isTyping) {
        typist.type(`note ${index}-${this.count++}`, this.random);
        await sleep(this.options.intervalMs * (0.5 + this.random()));
      }
    });
  }

  /** Stops typing; resolves once no typist will add another note. */
  async pause(): Promise<void> {
    this.isTyping = false;
    await Promise.all(this.loops);
  }

  close(): void {
    this.isTyping = false;
    for (const typist of this.typists) typist.close();
  }
}
