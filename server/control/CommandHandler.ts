import { readPersonas, readQuadrants } from '../../lib/board';
import { CLOSE_CODES } from '../../lib/closeCodes';
import { setMapTemplate } from '../../lib/mapTemplate';
import { SIX_QUADRANTS } from '../../lib/quadrants';
import { fail, ok, type Result } from '../../lib/result';
import {
  CommandSchema,
  PARTICIPANT_COMMANDS,
  type Command,
  type CommandReply,
  type DraftCommand,
  type VoteCommand,
} from '../../lib/session/commands';
import { reduceSession } from '../../lib/session/reduce';
import type { SessionBroadcast } from '../../lib/wire';
import type { Identity } from '../identity';
import type { ServerLimits } from '../limits';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import type { YjsEndpoint } from '../yjs/YjsEndpoint';
import type { ControlPlane } from './ControlPlane';
import { Drafts } from './Drafts';
import type { Sessions } from './Sessions';
import { Votes } from './Votes';

type ControlSocketLike = ReturnType<ControlPlane['toParticipant']>;

function isDraftCommand(command: Command): command is DraftCommand {
  return command.type.startsWith('draft');
}

function isVoteCommand(command: Command): command is VoteCommand {
  return command.type.startsWith('vote.');
}

interface Deps {
  sessions: Sessions;
  workshops: Workshops;
  control: ControlPlane;
  rooms: RoomRegistry;
  yjs: YjsEndpoint;
  log: Logger;
  limits: Pick<ServerLimits, 'draftsPerParticipant' | 'draftsPerWorkshop'>;
  now?: () => number;
}

const toReply = (result: Result<unknown>): CommandReply => (result.ok ? { ok: true } : { ok: false, error: result.error });

/**
 * Applies control-plane commands: parse, authorize (facilitator only, bar "I'm done"),
 * deduplicate by command id, reduce, persist, broadcast, then the side effects (kick).
 */
export class CommandHandler {
  private readonly now: () => number;
  private readonly drafts: Drafts;
  private readonly votes: Votes;

  constructor(private readonly deps: Deps) {
    this.now = deps.now ?? Date.now;
    this.drafts = new Drafts(deps.workshops.store, deps.rooms, deps.limits, this.now);
    this.votes = new Votes(deps.workshops.store, deps.rooms);
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
    const reply = this.apply(identity, command);
    this.deps.sessions.rememberReply(identity.workshopId, command.id, reply);
    return reply;
  }

  private apply(identity: Identity, command: Command): CommandReply {
    if (isDraftCommand(command)) return this.applyDraft(identity, command);
    if (isVoteCommand(command)) return toReply(this.applyVote(identity, command));
    if (command.type === 'room.rotateCode') return toReply(this.rotateCode(identity.workshopId));
    return toReply(this.applySession(identity, command));
  }

  private applySession(identity: Identity, command: Command): Result<void> {
    const { sessions, workshops, rooms } = this.deps;
    if (command.type === 'participant.kick') {
      const target = workshops.participants(identity.workshopId).find((p) => p.id === command.participantId);
      if (!target) return fail('That participant is not in this workshop.');
      if (target.role === 'facilitator') return fail('The facilitator cannot be removed.');
    }
    const personaIds =
      command.type === 'persona.activate' ? rooms.readWarm(identity.workshopId, (doc) => readPersonas(doc).map((p) => p.id)) : [];
    const quadrants = command.type === 'map.set' ? rooms.readWarm(identity.workshopId, readQuadrants) : SIX_QUADRANTS;
    const next = reduceSession(sessions.get(identity.workshopId), command, {
      now: this.now(),
      participantId: identity.participantId,
      personaIds,
      quadrants,
    });
    if (!next.ok) return next;
    if (command.type === 'map.set') {
      const written = rooms.change(identity.workshopId, (doc) => setMapTemplate(doc, command.template, command.quadrants));
      if (!written.ok) return written;
    }
    sessions.set(identity.workshopId, next.value);
    this.broadcastState(identity.workshopId);
    if (command.type === 'participant.kick') this.kick(identity.workshopId, command.participantId);
    // Changes refused while locked wait on their devices: tell them to send them now.
    if (command.type === 'board.lock' && !command.isLocked) rooms.get(identity.workshopId)?.tellUnlocked();
    return ok(undefined);
  }

  private applyDraft(identity: Identity, command: DraftCommand): CommandReply {
    const { workshopId } = identity;
    const { reply, revealed } = this.drafts.apply(identity, command, this.deps.sessions.get(workshopId));
    if (!reply.ok) return reply;
    // Only the people whose drafts changed get their list again (each their own, from memory).
    const authors = new Set(revealed.map((draft) => draft.participantId));
    if (command.type !== 'drafts.reveal') authors.add(identity.participantId);
    for (const author of authors) this.sendDrafts(workshopId, author);
    this.deps.control.toWorkshop(workshopId).emit('drafts:pending', this.drafts.pendingCount(workshopId));
    return reply;
  }

  private sendDrafts(workshopId: string, participantId: string): void {
    // To the author's sockets on every instance (the adapter's per-participant room).
    this.deps.control.toParticipant(participantId).emit('drafts:mine', this.drafts.mine(workshopId, participantId));
  }

  private applyVote(identity: Identity, command: VoteCommand): Result<void> {
    const session = this.deps.sessions.get(identity.workshopId);
    if (command.type === 'vote.cast') {
      const cast = this.votes.cast(identity, command, session);
      if (cast.ok) this.sendVotes(identity.workshopId, identity.participantId);
      return cast;
    }
    const next = this.votes.reduce(identity, command, session);
    if (!next.ok) return next;
    this.deps.sessions.set(identity.workshopId, next.value);
    this.broadcastState(identity.workshopId);
    return ok(undefined);
  }

  private rotateCode(workshopId: string): Result<void> {
    const { workshops, control, log } = this.deps;
    const current = workshops.codeOf(workshopId);
    if (!current) return fail('This workshop no longer exists.');
    const code = workshops.rotateCode(workshopId, current, this.now());
    control.toWorkshop(workshopId).emit('workshop:code', code);
    log.info({ workshopId }, 'room code rotated');
    return ok(undefined);
  }

  private sendVotes(workshopId: string, participantId: string): void {
    const mine = this.votes.mine(this.deps.sessions.get(workshopId), participantId);
    if (!mine) return;
    this.deps.control.toParticipant(participantId).emit('votes:mine', mine);
  }

  private kick(workshopId: string, participantId: string): void {
    const { workshops, yjs, control, log } = this.deps;
    workshops.remove(participantId, this.now());
    yjs.terminateParticipant(participantId, CLOSE_CODES.kicked, 'removed by the facilitator');
    control.endParticipant(participantId, 'The facilitator removed you from this workshop.');
    control.rosterRemoved(workshopId, participantId);
    log.info({ workshopId, participantId }, 'participant removed');
  }

  private broadcast(workshopId: string): SessionBroadcast {
    return { state: this.deps.sessions.get(workshopId), serverNow: this.now() };
  }

  broadcastState(workshopId: string): void {
    this.deps.control.sessionChanged(workshopId);
    this.deps.control.toWorkshop(workshopId).emit('session', this.broadcast(workshopId));
  }

  /** Everything a socket needs on connect: the session, its own drafts and dots, the pending count. */
  sendState(socket: Pick<ControlSocketLike, 'emit'> & { data: { identity: Identity } }): void {
    const { workshopId, participantId } = socket.data.identity;
    socket.emit('session', this.broadcast(workshopId));
    socket.emit('drafts:mine', this.drafts.mine(workshopId, participantId));
    socket.emit('drafts:pending', this.drafts.pendingCount(workshopId));
    const votes = this.votes.mine(this.deps.sessions.get(workshopId), participantId);
    if (votes) socket.emit('votes:mine', votes);
  }
}
