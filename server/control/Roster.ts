import type { RosterEntry } from '../../lib/wire';
import type { ClusterPresence } from '../cluster/ClusterPresence';
import type { Identity } from '../identity';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';
import type { ControlPlane, ControlSocket } from './ControlPlane';
import { inBackground } from './inBackground';

export function rosterEntry(identity: Identity, isOnline: boolean): RosterEntry {
  return { participantId: identity.participantId, name: identity.name, role: identity.role, isOnline };
}

/**
 * Who is in a workshop and who is online, for the screens' roster: from this instance's control
 * sockets alone, or in the multi-instance mode from every live instance (`ClusterPresence`).
 */
export class Roster {
  constructor(
    private readonly workshops: Workshops,
    /** This instance's open control sockets per participant (the control plane's own map). */
    private readonly online: ReadonlyMap<string, ReadonlySet<ControlSocket>>,
    private readonly presence: ClusterPresence | null,
    private readonly toWorkshop: ControlPlane['toWorkshop'],
    private readonly log: Logger,
  ) {}

  /** The workshop's roster, with who is online on any instance. */
  async of(workshopId: string): Promise<RosterEntry[]> {
    const participants = await this.workshops.participants(workshopId);
    const ids = participants.map((p) => p.id);
    const online = this.presence ? await this.presence.online(workshopId, ids) : new Set(ids.filter((id) => this.online.has(id)));
    return participants.map((p) => ({ participantId: p.id, name: p.name, role: p.role, isOnline: online.has(p.id) }));
  }

  async send(socket: ControlSocket): Promise<void> {
    const roster = await this.of(socket.data.identity.workshopId);
    if (socket.connected) socket.emit('roster', roster);
  }

  /** The last socket here closed: offline, unless the same person is connected to another instance. */
  async wentOffline(identity: Identity): Promise<void> {
    const elsewhere = this.presence ? await this.presence.online(identity.workshopId, [identity.participantId]) : null;
    if (elsewhere?.has(identity.participantId) || this.online.has(identity.participantId)) return;
    if (await this.workshops.isStillIn(identity)) this.toWorkshop(identity.workshopId).emit('roster:update', rosterEntry(identity, false));
  }

  /** Tells a workshop that these participants are online (or offline), e.g. when another instance is gone. */
  async announce(workshopId: string, participantIds: readonly string[], isOnline: boolean): Promise<void> {
    const ids = new Set(participantIds);
    for (const p of await this.workshops.participants(workshopId)) {
      if (!ids.has(p.id)) continue;
      this.toWorkshop(workshopId).emit('roster:update', { participantId: p.id, name: p.name, role: p.role, isOnline });
    }
  }

  /** This instance was taken for gone (paused, or Redis restarted empty): its people are online after all. */
  reannounceOnline(): void {
    const byWorkshop = new Map<string, string[]>();
    for (const [participantId, sockets] of this.online) {
      const workshopId = sockets.values().next().value?.data.identity.workshopId;
      if (workshopId) byWorkshop.set(workshopId, [...(byWorkshop.get(workshopId) ?? []), participantId]);
    }
    for (const [workshopId, ids] of byWorkshop) inBackground(this.log, this.announce(workshopId, ids, true));
  }
}
