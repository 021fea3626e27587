import { CLOSE_CODES } from '../../lib/closeCodes';
import type { ControlPlane } from '../control/ControlPlane';
import type { Sessions } from '../control/Sessions';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import type { YjsEndpoint } from '../yjs/YjsEndpoint';
import type { Cluster } from './Cluster';

/**
 * What the other instances tell this one (multi-instance mode): a kick ends the person's board
 * sockets here too (the control plane ends their control sockets), a session change makes the
 * cached session stale, and after a Redis outage (notices may be lost) every local connection is
 * checked again and every screen here gets its state afresh.
 */
export function wireCluster(
  cluster: Cluster,
  parts: { sessions: Sessions; workshops: Workshops; control: ControlPlane; yjs: YjsEndpoint; rooms: RoomRegistry; log: Logger },
): void {
  const { sessions, workshops, control, yjs, rooms, log } = parts;
  cluster.bus.on('kick', ({ participantId }) => yjs.terminateParticipant(participantId, CLOSE_CODES.kicked, 'removed by the facilitator'));
  cluster.bus.on('session', ({ workshopId }) => sessions.forget(workshopId));
  cluster.redis.onReconnect(() => {
    sessions.forget();
    rooms.catchUpAll(); // board updates published while Redis was away are read from storage
    const recheck = async () => {
      await yjs.terminateWhere(
        async (identity) => !(await workshops.isStillIn(identity)),
        CLOSE_CODES.kicked,
        'removed by the facilitator',
      );
      await control.resync();
    };
    recheck().catch((error: Error) => log.warn({ err: error.message }, 'rechecking connections after Redis came back failed'));
  });
}
