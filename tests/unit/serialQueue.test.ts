import { describe, expect, it } from 'vitest';
import { KeyedQueue, SerialQueue } from '../../server/concurrency/SerialQueue';
import { AppliedSeqs } from '../../server/yjs/AppliedSeqs';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SerialQueue (a room’s messages)', () => {
  it('runs a task that needs no storage at once, in the caller’s turn', () => {
    const queue = new SerialQueue();
    const ran: number[] = [];
    queue.push(() => void ran.push(1));
    expect(ran).toEqual([1]);
    expect(queue.length).toBe(0);
  });

  it('holds every later task while one waits for storage, then runs them in order', async () => {
    const queue = new SerialQueue();
    const ran: string[] = [];
    let release!: () => void;
    queue.push(() => new Promise<void>((resolve) => (release = resolve)).then(() => void ran.push('bind, then apply')));
    queue.push(() => void ran.push('second'));
    queue.push(() => void ran.push('third'));
    await tick();
    expect(ran).toEqual([]); // the second message must not be validated against a doc about to change
    expect(queue.length).toBe(3);
    release();
    await tick();
    expect(ran).toEqual(['bind, then apply', 'second', 'third']);
  });

  it('queues a task pushed from inside a task behind it, and goes on after a task throws', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((error) => errors.push(error));
    const ran: string[] = [];
    queue.push(() => {
      queue.push(() => void ran.push('inner'));
      ran.push('outer');
    });
    queue.push(() => {
      throw new Error('malformed');
    });
    queue.push(() => Promise.reject(new Error('storage down')));
    queue.push(() => void ran.push('after'));
    await tick();
    expect(ran).toEqual(['outer', 'inner', 'after']);
    expect(errors.map((error) => (error as Error).message)).toEqual(['malformed', 'storage down']);
  });

  it('tells when everything pushed so far has run (a closing room waits for it)', async () => {
    const queue = new SerialQueue();
    let release!: () => void;
    queue.push(() => new Promise<void>((resolve) => (release = resolve)));
    let isIdle = false;
    void queue.whenIdle().then(() => (isIdle = true));
    await tick();
    expect(isIdle).toBe(false);
    release();
    await tick();
    expect(isIdle).toBe(true);
    await expect(queue.whenIdle()).resolves.toBeUndefined();
  });
});

describe('KeyedQueue (a workshop’s commands)', () => {
  it('runs one key’s tasks one at a time, other keys alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const slow = (name: string, key: string) =>
      queue.run(key, async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        return name;
      });
    const results = await Promise.all([slow('a1', 'A'), slow('a2', 'A'), slow('b1', 'B')]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('goes on with the next task after one fails', async () => {
    const queue = new KeyedQueue();
    await expect(queue.run('A', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('A', () => 'next')).resolves.toBe('next');
  });
});

describe('AppliedSeqs (which log seqs a replica holds)', () => {
  it('with one writer, every commit is the next seq', () => {
    const seqs = new AppliedSeqs(4);
    for (const seq of [5, 6, 7]) seqs.committed(seq);
    expect(seqs.contiguous).toBe(7);
    expect(seqs.hasGap).toBe(false);
  });

  it('never claims another instance’s seqs it has not applied, until it caught up on them', () => {
    const seqs = new AppliedSeqs(4);
    seqs.committed(5);
    seqs.committed(8); // 6 and 7 are another instance's
    expect(seqs.contiguous).toBe(5);
    expect(seqs.hasGap).toBe(true);
    expect(seqs.isOwn(8)).toBe(true);
    seqs.caughtUp(6);
    seqs.caughtUp(7);
    expect(seqs.contiguous).toBe(8);
    expect(seqs.hasGap).toBe(false);
  });

  it('after a reload of the whole stored doc holds everything up to its seq', () => {
    const seqs = new AppliedSeqs(2);
    seqs.committed(9);
    seqs.committed(12);
    seqs.reloaded(10);
    expect(seqs.contiguous).toBe(10);
    expect(seqs.hasGap).toBe(true);
    seqs.caughtUp(11);
    expect(seqs.contiguous).toBe(12);
  });
});
