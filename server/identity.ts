import type { Role } from '../lib/api';

/** Who is on the other end of a connection, as established by the server from a token. */
export interface Identity {
  workshopId: string;
  participantId: string;
  name: string;
  role: Role;
}
