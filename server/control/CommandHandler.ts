import { readPersonas } from '../../lib/board';
import { CLOSE_CODES } from '../../lib/closeCodes';
import { fail, ok, type Result } from '../../lib/result';
import { CommandSchema, PARTICIPANT_COMMANDS, type Command, type CommandReply } from '../../lib/session/commands';
import { reduceSession } from '../../lib/session/reduce';
import type { SessionBroadcast } from '../../lib/wire';
import type { Identity } from '../identity';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import type { YjsEndpoint } from '../yjs/YjsEndpoint';
import type { ControlPlane } from './ControlPlane';
import type { Sessions } from './Sessions';

interface Deps {
  sessions: Sessions;
  workshops: Workshops;
  control: ControlPlane;
  rooms: RoomRegistry;
  yjs: YjsEndpoint;
  log: Logger;
  now?: () => number;
}

/**
 * Applies control-plane commands: parse, authorize (facilitator only, bar "I'm done"),
 * deduplicate by command id, reduce, persist, broadcast, then the side effects (kick).
 */
export class CommandHandler {
  private readonly now: () => number;

  constructor(private readonly deps: Deps) {
    this.now = deps.now ?? Date.now;
  }

  handle(identity: Identity, raw: unknown): CommandReply {
    const parsed = CommandSchema.safeParse(raw);
    const log = this.deps.log.child({ workshopId: identity.workshopId, participantId: identity.participantId });
    if (!parsed.success) {
      log.warn({ issue: parsed.error.issues[0]?.message }, 'invalid command refused');
      return { ok: false, error: 'That command is not valid.' };
    }
    const command = parsed.data;
    const previous = this.deps.sessions.previousReply(identity.workshopId, command.id);
    if (previous) return previous;
    if (identity.role !== 'facilitator' && !PARTICIPANT_COMMANDS.has(command.type)) {
      log.warn({ type: command.type }, 'facilitator command from a participant refused');
      return { ok: false, error: 'Only the facilitator can do that.' };
    }
    const result = this.apply(identity, command);
    const reply: CommandReply = result.ok ? { ok: true } : { ok: false, error: result.error };
    this.deps.sessions.rememberReply(identity.workshopId, command.id, reply);
    return reply;
  }

  private apply(identity: Identity, command: Command): Result<void> {
    const { sessions, workshops, rooms } = this.deps;
    if (command.type === 'participant.kick') {
      const target = workshops.participants(identity.workshopId).find((p) => p.id === command.participantId);
      if (!target) return fail('That participant is not in this workshop.');
      if (target.role === 'facilitator') return fail('The facilitator cannot be removed.');
    }
    const personaIds =
      command.type === 'persona.activate' ? rooms.readDoc(identity.workshopId, (doc) => readPersonas(doc).map((p) => p.id)) : [];
    const next = reduceSession(sessions.get(identity.workshopId), command, {
      now: this.now(),
      participantId: identity.participantId,
      personaIds,
    });
    if (!next.ok) return next;
    sessions.set(identity.workshopId, next.value);
    this.broadcastState(identity.workshopId);
    if (command.type === 'participant.kick') this.kick(identity.workshopId, command.participantId);
    return ok(undefined);
  }

  private kick(workshopId: string, participantId: string): void {
    const { workshops, yjs, control, log } = this.deps;
    workshops.remove(participantId, this.now());
    yjs.disconnectParticipant(participantId, CLOSE_CODES.kicked, 'removed by the facilitator');
    control.endParticipant(participantId, 'The facilitator removed you from this workshop.');
    control.broadcastRoster(workshopId);
    log.info({ workshopId, participantId }, 'participant removed');
  }

  private broadcast(workshopId: string): SessionBroadcast {
    return { state: this.deps.sessions.get(workshopId), serverNow: this.now() };
  }

  broadcastState(workshopId: string): void {
    this.deps.control.toWorkshop(workshopId).emit('session', this.broadcast(workshopId));
  }

  sendState(socket: { emit(event: 'session', payload: SessionBroadcast): unknown; data: { identity: Identity } }): void {
    socket.emit('session', this.broadcast(socket.data.identity.workshopId));
  }
}
