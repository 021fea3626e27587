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
import { KeyedQueue } from '../concurrency/SerialQueue';
import type { ServerLimits } from '../limits';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import type { YjsEndpoint } from '../yjs/YjsEndpoint';
import type { ControlPlane } from './ControlPlane';
import { Drafts } from './Drafts';
import type { Sessions } from './Sessions';
import { Votes } from './Votes';
import { refusalText } from '../../lib/refusals';

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
 * One workshop's commands run one at a time (`queue`): each reads, decides and writes with
 * storage round trips in between, which must not interleave with the next command's. Across
 * instances the store's own checks hold (session revisions, vote budgets, draft claims).
 */
export class CommandHandler {
  private readonly now: () => number;
  private readonly drafts: Drafts;
  private readonly votes: Votes;
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: Deps) {
    this.now = deps.now ?? Date.now;
    this.drafts = new Drafts(deps.workshops.storage, deps.rooms, deps.limits, this.now);
    this.votes = new Votes(deps.workshops.storage.votes, deps.rooms);
  }

  handle(identity: Identity, raw: unknown): Promise<CommandReply> {
    return this.queue.run(identity.workshopId, () => this.handleNow(identity, raw));
  }

  private async handleNow(identity: Identity, raw: unknown): Promise<CommandReply> {
    const parsed = CommandSchema.safeParse(raw);
    const log = this.deps.log.child({ workshopId: identity.workshopId, participantId: identity.participantId });
    if (!parsed.success) {
      log.warn({ issue: parsed.error.issues[0]?.message }, 'invalid command refused');
      return { ok: false, error: refusalText('invalidCommand') };
    }
    const command = parsed.data;
    const previous = this.deps.sessions.previousReply(identity.workshopId, command.id);
    if (previous) return previous;
    if (identity.role !== 'facilitator' && !PARTICIPANT_COMMANDS.has(command.type)) {
      log.warn({ type: command.type }, 'facilitator command from a participant refused');
      return { ok: false, error: refusalText('facilitatorOnly') };
    }
    const reply = await this.apply(identity, command);
    this.deps.sessions.rememberReply(identity.workshopId, command.id, reply);
    return reply;
  }

  private async apply(identity: Identity, command: Command): Promise<CommandReply> {
    if (isDraftCommand(command)) return this.applyDraft(identity, command);
    if (isVoteCommand(command)) return toReply(await this.applyVote(identity, command));
    if (command.type === 'room.rotateCode') return toReply(await this.rotateCode(identity.workshopId));
    return toReply(await this.applySession(identity, command));
  }

  private async applySession(identity: Identity, command: Command): Promise<Result<void>> {
    const { sessions, workshops, rooms } = this.deps;
    if (command.type === 'participant.kick') {
      const target = (await workshops.participants(identity.workshopId)).find((p) => p.id === command.participantId);
      if (!target) return fail(refusalText('participantNotHere'));
      if (target.role === 'facilitator') return fail(refusalText('facilitatorStays'));
    }
    const personaIds =
      command.type === 'persona.activate' ? await rooms.readWarm(identity.workshopId, (doc) => readPersonas(doc).map((p) => p.id)) : [];
    const quadrants = command.type === 'map.set' ? await rooms.readWarm(identity.workshopId, readQuadrants) : SIX_QUADRANTS;
    const context = { now: this.now(), participantId: identity.participantId, personaIds, quadrants };
    // A map change is checked against the session before the board is written.
    if (command.type === 'map.set') {
      const checked = reduceSession(await sessions.get(identity.workshopId), command, context);
      if (!checked.ok) return checked;
      const written = await rooms.change(identity.workshopId, (doc) => setMapTemplate(doc, command.template, command.quadrants));
      if (!written.ok) return written;
    }
    const next = await sessions.update(identity.workshopId, (state) => reduceSession(state, command, context));
    if (!next.ok) return next;
    await this.broadcastState(identity.workshopId);
    if (command.type === 'participant.kick') await this.kick(identity.workshopId, command.participantId);
    // Changes refused while locked wait on their devices: tell them to send them now.
    if (command.type === 'board.lock' && !command.isLocked) rooms.get(identity.workshopId)?.tellUnlocked();
    return ok(undefined);
  }

  private async applyDraft(identity: Identity, command: DraftCommand): Promise<CommandReply> {
    const { workshopId } = identity;
    const { reply, revealed } = await this.drafts.apply(identity, command, await this.deps.sessions.get(workshopId));
    if (!reply.ok) return reply;
    // Only the people whose drafts changed get their list again (each their own).
    const authors = new Set(revealed.map((draft) => draft.participantId));
    if (command.type !== 'drafts.reveal') authors.add(identity.participantId);
    // To each author's sockets on every instance (the adapter's per-participant room).
    for (const [author, drafts] of await this.drafts.mineOf(workshopId, authors)) {
      this.deps.control.toParticipant(author).emit('drafts:mine', drafts);
    }
    this.deps.control.toWorkshop(workshopId).emit('drafts:pending', await this.drafts.pendingCount(workshopId));
    return reply;
  }

  private async applyVote(identity: Identity, command: VoteCommand): Promise<Result<void>> {
    if (command.type === 'vote.cast') {
      const cast = await this.votes.cast(identity, command, await this.deps.sessions.get(identity.workshopId));
      if (cast.ok) await this.sendVotes(identity.workshopId, identity.participantId);
      return cast;
    }
    const next = await this.deps.sessions.update(identity.workshopId, (session) => this.votes.reduce(identity, command, session));
    if (!next.ok) return next;
    await this.broadcastState(identity.workshopId);
    return ok(undefined);
  }

  private async rotateCode(workshopId: string): Promise<Result<void>> {
    const { workshops, control, log } = this.deps;
    const current = await workshops.codeOf(workshopId);
    if (!current) return fail(refusalText('workshopGone'));
    const code = await workshops.rotateCode(workshopId, current, this.now());
    if (!code) return fail(refusalText('roomCodeRace'));
    control.toWorkshop(workshopId).emit('workshop:code', code);
    log.info({ workshopId }, 'room code rotated');
    return ok(undefined);
  }

  private async sendVotes(workshopId: string, participantId: string): Promise<void> {
    const mine = await this.votes.mine(await this.deps.sessions.get(workshopId), participantId);
    if (!mine) return;
    this.deps.control.toParticipant(participantId).emit('votes:mine', mine);
  }

  private async kick(workshopId: string, participantId: string): Promise<void> {
    const { workshops, yjs, control, log } = this.deps;
    await workshops.remove(participantId, this.now());
    yjs.terminateParticipant(participantId, CLOSE_CODES.kicked, 'removed by the facilitator');
    control.endParticipant(participantId, 'The facilitator removed you from this workshop.');
    control.rosterRemoved(workshopId, participantId);
    log.info({ workshopId, participantId }, 'participant removed');
  }

  private async broadcast(workshopId: string): Promise<SessionBroadcast> {
    return { state: await this.deps.sessions.get(workshopId), serverNow: this.now() };
  }

  async broadcastState(workshopId: string): Promise<void> {
    this.deps.control.sessionChanged(workshopId);
    this.deps.control.toWorkshop(workshopId).emit('session', await this.broadcast(workshopId));
  }

  /**
   * Everything a socket needs on connect: the session, its own drafts and dots, the pending
   * count. Read in the workshop's command queue, so it is never older than a command's broadcast.
   */
  sendState(socket: Pick<ControlSocketLike, 'emit'> & { data: { identity: Identity } }): Promise<void> {
    const { workshopId, participantId } = socket.data.identity;
    return this.queue.run(workshopId, async () => {
      const session = await this.broadcast(workshopId);
      const [mine, pending, votes] = await Promise.all([
        this.drafts.mine(workshopId, participantId),
        this.drafts.pendingCount(workshopId),
        this.votes.mine(session.state, participantId),
      ]);
      socket.emit('session', session);
      socket.emit('drafts:mine', mine);
      socket.emit('drafts:pending', pending);
      if (votes) socket.emit('votes:mine', votes);
    });
  }
}
