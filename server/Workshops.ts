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
import type { ParticipantRow, Store, WorkshopRow } from './storage/Store';

const FACILITATOR_NAME = 'Facilitator';

/** Workshops and the people in them: creation, joining, and proving who a token belongs to. */
export class Workshops {
  constructor(readonly store: Store) {}

  /** A new workshop; `initialUpdate` (an import or a copy) replaces the blank board with one persona. */
  create(title: string, now = Date.now(), initialUpdate = blankBoard(title, now)): { workshop: WorkshopRow; facilitatorKey: string } {
    const facilitatorKey = newSecret();
    for (;;) {
      const workshop: WorkshopRow = { id: newId(), code: this.freshCode(), title, keyHash: hashSecret(facilitatorKey), createdAt: now };
      const facilitator: ParticipantRow = {
        id: newId(),
        workshopId: workshop.id,
        name: FACILITATOR_NAME,
        role: 'facilitator',
        createdAt: now,
      };
      this.store.createWorkshop(workshop, facilitator, initialUpdate, writerClientIds(initialUpdate));
      return { workshop, facilitatorKey };
    }
  }

  /** A code no workshop uses now or used before (a clash is 1 in 10^12: draw again). */
  private freshCode(): string {
    for (;;) {
      const code = generateRoomCode();
      if (!this.store.workshopByCode(code) && !this.store.workshopByRetiredCode(code)) return code;
    }
  }

  /** The workshop a room code opens for joining: current codes only. */
  byCode(code: string): WorkshopRow | null {
    return this.store.workshopByCode(code);
  }

  /**
   * The workshop for someone who already holds a token: a rotated-away code still reaches it,
   * so rotating the code locks out newcomers, not the people in the room.
   */
  byCodeForMember(code: string): WorkshopRow | null {
    return this.store.workshopByCode(code) ?? this.store.workshopByRetiredCode(code);
  }

  /** Gives the workshop a new room code; the old one stops admitting new people. */
  rotateCode(workshopId: string, currentCode: string, now = Date.now()): string {
    const workshop = this.store.workshopByCode(currentCode);
    if (!workshop || workshop.id !== workshopId) throw new Error('rotateCode: stale code');
    const code = this.freshCode();
    this.store.rotateCode(workshop, code, now);
    return code;
  }

  codeOf(workshopId: string): string | null {
    return this.store.codeOf(workshopId);
  }

  join(workshop: WorkshopRow, name: string, now = Date.now()): SessionReply {
    const token = newSecret();
    const participant: ParticipantRow = { id: newId(), workshopId: workshop.id, name, role: 'participant', createdAt: now };
    this.store.addParticipant(participant, hashSecret(token));
    return sessionReply(workshop, participant, token);
  }

  isFacilitatorKey(workshop: WorkshopRow, key: string): boolean {
    return secretMatches(key, workshop.keyHash);
  }

  /** Trades a proven facilitator key for a connection token, so the key never travels in a URL. */
  facilitatorSession(workshop: WorkshopRow, now = Date.now()): SessionReply {
    const facilitator = this.store.facilitatorOf(workshop.id);
    if (!facilitator) throw new Error(`workshop ${workshop.id} has no facilitator`);
    const token = newSecret();
    this.store.addToken(facilitator.id, hashSecret(token), now);
    return sessionReply(workshop, facilitator, token);
  }

  /** The identity a token proves within this workshop, or null. */
  /**
   * Who holds `token` in the workshop a member's code names (current or rotated away), or null.
   * An unknown code, a wrong workshop and a bad token do the same work and look the same, so the
   * Yjs upgrade tells nobody which codes are live.
   */
  identityFor(code: string | null, token: string): Identity | null {
    const participant = this.store.participantByTokenHash(hashSecret(token));
    const workshop = code ? this.byCodeForMember(code) : null;
    if (!participant || !workshop || participant.workshopId !== workshop.id) return null;
    return { workshopId: workshop.id, participantId: participant.id, name: participant.name, role: participant.role };
  }

  authenticate(workshop: WorkshopRow, token: string): Identity | null {
    const participant = this.store.participantByTokenHash(hashSecret(token));
    if (!participant || participant.workshopId !== workshop.id) return null;
    return { workshopId: workshop.id, participantId: participant.id, name: participant.name, role: participant.role };
  }

  /** False once the participant was removed (their tokens are revoked too). */
  isStillIn(identity: Identity): boolean {
    return this.store.isParticipantActive(identity.participantId, identity.workshopId);
  }

  remove(participantId: string, now = Date.now()): void {
    this.store.removeParticipant(participantId, now);
  }

  participants(workshopId: string): ParticipantRow[] {
    return this.store.participantsOf(workshopId);
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
