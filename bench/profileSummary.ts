import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npx tsx bench/profileSummary.ts <file.cpuprofile | dir> [--top 25] [--inclusive N] [--skip 2] [--last 10]`:
 * reads a V8 CPU profile written by `npm run bench -- --profile` and prints where the server's
 * time went: the heaviest functions by self time, and the share of a few named functions
 * including what they call (each sample counted once per function, however deep it recurses).
 * `--inclusive N` lists the N heaviest functions including callees instead. `--skip`/`--last` keep only a window (seconds from the start / up to the end), e.g. to leave
 * out the clients' setup. A directory means its largest profile (the main thread's).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Functions whose total (self + callees) share says what a part of the edit path costs. */
const WATCHED = [
  'handleMessage',
  'handleSync',
  'handleAwareness',
  'receive',
  'validateUpdate',
  'isAcceptedFieldEdit',
  'validateDecoded',
  'applyUpdate',
  'onDocUpdate',
  'onAwarenessUpdate',
  'flush',
  'appendUpdates',
  'send',
  'sendFrame',
  'writeOrBuffer',
  'encodeSyncUpdate',
  'decodeUpdate',
  'garbageCollect',
  '(garbage collector)',
];

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, inclusive: { type: 'string' }, skip: { type: 'string' }, last: { type: 'string' } },
});

function pickFile(target: string): string {
  if (!statSync(target).isDirectory()) return target;
  const files = readdirSync(target)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(target, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${target}`);
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${file}`.trim();
}

function summarize(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const durationUs = profile.endTime - profile.startTime;
  const from = args.skip ? Number(args.skip) * 1e6 : args.last ? durationUs - Number(args.last) * 1e6 : 0;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let counted = 0;
  let idle = 0;
  let at = 0;
  for (const [i, sample] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from) continue;
    const leaf = byId.get(sample)!;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += delta;
      continue;
    }
    counted += delta;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)!.callFrame.functionName;
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + delta);
    }
  }
  const pct = (us: number) => `${((100 * us) / counted).toFixed(1).padStart(5)} %`;
  console.log(
    `${file}\nbusy ${(counted / 1e3).toFixed(0)} ms, idle ${(idle / 1e3).toFixed(0)} ms (window from ${(from / 1e6).toFixed(1)} s)`,
  );
  console.log('\nincluding callees:');
  const watched = args.inclusive
    ? [...total.keys()].sort((a, b) => total.get(b)! - total.get(a)!).slice(0, Number(args.inclusive))
    : WATCHED;
  for (const name of watched) if (total.has(name)) console.log(`${pct(total.get(name)!)}  ${name}`);
  console.log('\nself time:');
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top));
  for (const [name, us] of top) console.log(`${pct(us)}  ${name}`);
}

if (positionals.length === 0) throw new Error('usage: profileSummary.ts <file.cpuprofile | dir>');
for (const target of positionals) summarize(pickFile(target));
