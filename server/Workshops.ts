import * as Y from 'yjs';
import type { SessionReply } from '../lib/api';
import { initBoard } from '../lib/board';
import { newId } from '../lib/ids';
import { setMapTemplate } from '../lib/mapTemplate';
import type { TemplateId } from '../lib/quadrants';
import { DEFAULT_LOCALE, type Locale } from '../lib/i18n/locales';
import { builtInQuadrants, firstPersonaName } from './i18n/boardContent';
import { generateRoomCode } from '../lib/roomCode';
import type { Identity } from './identity';
import { hashSecret, newSecret, secretMatches } from './secrets';
import type { ParticipantRow, Storage, WorkshopRow } from './storage/ports';

const FACILITATOR_NAME = 'Facilitator';

/** Workshops and the people in them: creation, joining, and proving who a token belongs to. */
export class Workshops {
  constructor(readonly storage: Storage) {}

  /** A new workshop; `initialUpdate` (an import or a copy) replaces the blank board with one persona. */
  async create(
    title: string,
    now = Date.now(),
    initialUpdate = blankBoard(title, now),
  ): Promise<{ workshop: WorkshopRow; facilitatorKey: string }> {
    const facilitatorKey = newSecret();
    const workshop: WorkshopRow = { id: newId(), code: await this.freshCode(), title, keyHash: hashSecret(facilitatorKey), createdAt: now };
    const facilitator: ParticipantRow = {
      id: newId(),
      workshopId: workshop.id,
      name: FACILITATOR_NAME,
      role: 'facilitator',
      createdAt: now,
    };
    // Two instances drawing one code at once: the unique index refuses the second (1 in 10^12).
    await this.storage.workshops.create(workshop, facilitator, initialUpdate, writerClientIds(initialUpdate));
    return { workshop, facilitatorKey };
  }

  /** A code no workshop uses now or used before (a clash is 1 in 10^12: draw again). */
  private async freshCode(): Promise<string> {
    for (;;) {
      const code = generateRoomCode();
      if (!(await this.storage.workshops.byCode(code)) && !(await this.storage.workshops.byRetiredCode(code))) return code;
    }
  }

  /** The workshop a room code opens for joining: current codes only. */
  byCode(code: string): Promise<WorkshopRow | null> {
    return this.storage.workshops.byCode(code);
  }

  /**
   * The workshop for someone who already holds a token: a rotated-away code still reaches it,
   * so rotating the code locks out newcomers, not the people in the room.
   */
  async byCodeForMember(code: string): Promise<WorkshopRow | null> {
    return (await this.storage.workshops.byCode(code)) ?? (await this.storage.workshops.byRetiredCode(code));
  }

  /** Gives the workshop a new room code; the old one stops admitting new people. */
  /**
   * Gives the workshop a new room code; the old one stops admitting new people. Null when
   * `currentCode` is no longer its code (another command or instance rotated it first).
   */
  async rotateCode(workshopId: string, currentCode: string, now = Date.now()): Promise<string | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const code = await this.freshCode();
      if (await this.storage.workshops.rotateCode(workshopId, currentCode, code, now)) return code;
      // Either the code was taken meanwhile (draw again) or the current one changed (give up).
      if ((await this.codeOf(workshopId)) !== currentCode) return null;
    }
    return null;
  }

  async codeOf(workshopId: string): Promise<string | null> {
    return (await this.storage.workshops.byId(workshopId))?.code ?? null;
  }

  async join(workshop: WorkshopRow, name: string, now = Date.now()): Promise<SessionReply> {
    const token = newSecret();
    const participant: ParticipantRow = { id: newId(), workshopId: workshop.id, name, role: 'participant', createdAt: now };
    await this.storage.participants.add(participant, hashSecret(token));
    return sessionReply(workshop, participant, token);
  }

  isFacilitatorKey(workshop: WorkshopRow, key: string): boolean {
    return secretMatches(key, workshop.keyHash);
  }

  /** Trades a proven facilitator key for a connection token, so the key never travels in a URL. */
  async facilitatorSession(workshop: WorkshopRow, now = Date.now()): Promise<SessionReply> {
    const facilitator = await this.storage.participants.facilitatorOf(workshop.id);
    if (!facilitator) throw new Error(`workshop ${workshop.id} has no facilitator`);
    const token = newSecret();
    await this.storage.participants.addToken(facilitator.id, hashSecret(token), now);
    return sessionReply(workshop, facilitator, token);
  }

  /**
   * Who holds `token` in the workshop a member's code names (current or rotated away), or null.
   * An unknown code, a wrong workshop and a bad token do the same work and look the same, so the
   * Yjs upgrade tells nobody which codes are live.
   */
  async identityFor(code: string | null, token: string): Promise<Identity | null> {
    const participant = await this.storage.participants.byTokenHash(hashSecret(token));
    const workshop = code ? await this.byCodeForMember(code) : null;
    if (!participant || !workshop || participant.workshopId !== workshop.id) return null;
    return { workshopId: workshop.id, participantId: participant.id, name: participant.name, role: participant.role };
  }

  async authenticate(workshop: WorkshopRow, token: string): Promise<Identity | null> {
    const participant = await this.storage.participants.byTokenHash(hashSecret(token));
    if (!participant || participant.workshopId !== workshop.id) return null;
    return { workshopId: workshop.id, participantId: participant.id, name: participant.name, role: participant.role };
  }

  /** False once the participant was removed (their tokens are revoked too). */
  isStillIn(identity: Identity): Promise<boolean> {
    return this.storage.participants.isActive(identity.participantId, identity.workshopId);
  }

  async remove(participantId: string, now = Date.now()): Promise<void> {
    await this.storage.participants.remove(participantId, now);
  }

  participants(workshopId: string): Promise<ParticipantRow[]> {
    return this.storage.participants.list(workshopId);
  }

  /** Participants (not the facilitator) still in the workshop. */
  participantCount(workshopId: string): Promise<number> {
    return this.storage.participants.count(workshopId);
  }
}

/** The Yjs client ids an update was written with (the server's, for a workshop's first update). */
function writerClientIds(update: Uint8Array): number[] {
  return [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).keys()];
}

/** A new workshop's first document: its title, language, a first persona and its map's template (in that language). */
export function blankBoard(
  title: string,
  now: number,
  template: Exclude<TemplateId, 'custom'> = 'six',
  locale: Locale = DEFAULT_LOCALE,
): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { title, now, locale, personaName: firstPersonaName(locale) });
  setMapTemplate(doc, template, builtInQuadrants(template, locale));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** What a browser learns about its own session (join, facilitator key exchange, reload). */
export function sessionReply(
  workshop: WorkshopRow,
  participant: Pick<ParticipantRow, 'id' | 'name' | 'role'>,
  token: string,
): SessionReply {
  return {
    code: workshop.code,
    title: workshop.title,
    participantId: participant.id,
    name: participant.name,
    role: participant.role,
    token,
  };
}
