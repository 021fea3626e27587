import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SessionReply } from '../lib/api';
import { addNote, editNoteText, personasMap } from '../lib/board';
import { expect, leaveLobby, quadrant, test } from './fixtures';

/**
 * The board keeps up with a room because a change from the room re-renders only what changed:
 * the store keeps unchanged notes as the same objects and the note components are memoised.
 * Checked in the real page through React's own bookkeeping: a component that rendered has new
 * props (and hook state) on its fiber; one that memo skipped keeps the very same objects (React
 * reuses the previous props object when it bails out), with or without hooks.
 */

/**
 * Remembers, per element, the props and hook state of the component that renders it: each note
 * (`li`) and each of the page's parts named in `parts` (name → CSS selector of an element it
 * renders directly). `__rendered()` then lists the notes' texts and the parts' names whose
 * component rendered since.
 */
const SNAPSHOT = `((parts) => {
  const states = (element) => {
    const key = Object.keys(element).find((k) => k.startsWith('__reactFiber$'));
    let fiber = key ? element[key].return : null;
    while (fiber && typeof fiber.type !== 'function') fiber = fiber.return;
    if (!fiber) return [];
    const alternate = fiber.alternate;
    return [fiber.memoizedProps, fiber.memoizedState, alternate && alternate.memoizedProps, alternate && alternate.memoizedState];
  };
  window.__seenStates = new WeakMap();
  // Notes are list items; the quadrant list's (counts) and the roster's (presence) are not.
  const notes = () => [...document.querySelectorAll('li')].filter((li) => !li.closest('nav, [aria-label="Roster"]'));
  const named = () => Object.entries(parts).map(([name, selector]) => [name, document.querySelector(selector)]);
  for (const li of notes()) window.__seenStates.set(li, states(li));
  for (const [name, element] of named()) {
    if (!element) throw new Error('No ' + name + ' on the page: ' + parts[name]);
    window.__seenStates.set(element, states(element));
  }
  const hasRendered = (element) => {
    const seen = window.__seenStates.get(element);
    return Boolean(seen) && states(element).some((state) => state && !seen.includes(state));
  };
  window.__rendered = () => [
    ...notes().filter(hasRendered).map((li) => li.textContent),
    ...named().filter(([, element]) => element && hasRendered(element)).map(([name]) => name),
  ];
})`;

/** The parts of a phone's page around the board, by an element each renders itself. */
const PHONE_PARTS = {
  'page header': 'main > header h1',
  'language menu': 'main > header select',
  'step banner': 'main > section h2',
  'persona tabs': '[role="tablist"]',
  'section switch': '[role="group"]',
  'board area': '[role="tabpanel"] > h2',
};

async function snapshotRenders(page: Page, parts: Record<string, string> = {}): Promise<void> {
  await page.evaluate(`${SNAPSHOT}(${JSON.stringify(parts)})`);
}

/** Texts of the notes, and names of the parts, whose component rendered since the snapshot (new notes are not counted). */
function rendered(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __rendered(): string[] }).__rendered());
}

/** A participant in Node: joined through the API, with a real `WebsocketProvider`. */
async function bot(baseURL: string, code: string) {
  const res = await fetch(`${baseURL}/api/workshops/${code}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Room bot' }),
  });
  const session = (await res.json()) as SessionReply;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseURL.replace(/^http/, 'ws')}/yjs`, code, doc, {
    params: { token: session.token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  await expect.poll(() => personasMap(doc).size).toBeGreaterThan(0);
  const personaId = [...personasMap(doc).keys()][0]!;
  const author = { authorId: session.participantId, authorName: session.name };
  return {
    provider,
    add: (quadrant: string, text: string) => {
      const added = addNote(doc, { ...author, personaId, quadrant, text });
      if (!added.ok) throw new Error(added.error);
      return added.value.id;
    },
    edit: (id: string, text: string) => editNoteText(doc, id, text),
  };
}

test('a change from the room re-renders only the note it changed, on a phone and on the projector', async ({
  facilitator,
  joinAs,
  baseURL,
}) => {
  const presenter = facilitator.page;
  await leaveLobby(presenter);
  const room = await bot(baseURL!, facilitator.code);
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) ids.push(room.add(i % 2 ? 'pains' : 'gains', `Seeded note ${i}`));
  const phone = await joinAs('Pia', { phone: true });
  const screens = [presenter, phone];
  await quadrant(phone, 'Pains'); // a phone shows one quadrant: the one with the note the room edits
  for (const page of screens) await expect(page.getByText('Seeded note 29', { exact: true })).toBeVisible();

  await snapshotRenders(presenter);
  // The phone's page around the board (header, step, tabs, menus) reads none of the notes.
  await snapshotRenders(phone, PHONE_PARTS);
  // Same length and words' lengths: the projector's fit (from text lengths) stays, so only this
  // note's component may render. (An edit that changes the fit re-lays the quadrant out, rightly.)
  room.edit(ids[7]!, 'Seeded edit 7');
  for (const page of screens) {
    await expect(page.getByText('Seeded edit 7', { exact: true })).toBeVisible();
    expect(await rendered(page)).toEqual([expect.stringContaining('Seeded edit 7')]);
  }

  // A new note elsewhere renders itself only (the phone, showing Pains, only counts it).
  await snapshotRenders(presenter);
  await snapshotRenders(phone, PHONE_PARTS);
  room.add('sees', 'A new note from the room');
  await expect(presenter.getByText('A new note from the room')).toBeVisible();
  await expect(phone.getByRole('button', { name: /^Sees, 1 note/ })).toBeVisible();
  for (const page of screens) expect(await rendered(page)).toEqual([]);
  room.provider.destroy();
});
