import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SessionReply } from '../lib/api';
import { addNote, readPersonas } from '../lib/board';

/** A participant without a browser: joined through the API, writing through a real y-websocket client. */
export interface Bot {
  doc: Y.Doc;
  personaId: string;
  author: { participantId: string; name: string };
  close(): void;
}

export async function joinBot(baseURL: string, code: string, name: string): Promise<Bot> {
  const res = await fetch(`${baseURL}/api/workshops/${code}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`bot join failed: ${res.status}`);
  const session = (await res.json()) as SessionReply;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseURL.replace('http', 'ws')}/yjs`, code, doc, {
    params: { token: session.token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.on('sync', (isSynced: boolean) => isSynced && resolve());
  });
  const personaId = readPersonas(doc)[0]?.id;
  if (!personaId) throw new Error('the board has no persona');
  return { doc, personaId, author: { participantId: session.participantId, name: session.name }, close: () => provider.destroy() };
}

/** Adds `count` notes to each quadrant, in one update (as a reveal lands them). */
export function addNotes(bot: Bot, counts: Record<string, number>): void {
  const { author } = bot;
  bot.doc.transact(() => {
    for (const [quadrant, count] of Object.entries(counts)) {
      for (let i = 1; i <= count; i++) {
        const text = `${quadrant} note ${i}: ${'a thought from the room '.repeat(1 + (i % 3))}`.trim();
        const result = addNote(bot.doc, {
          personaId: bot.personaId,
          quadrant,
          text,
          authorId: author.participantId,
          authorName: author.name,
        });
        if (!result.ok) throw new Error(result.error);
      }
    }
  });
}
