import { z } from 'zod';
import { LIMITS } from './limits';

/** Bodies and replies of the HTTP API (`/api/workshops…`). */
export const CreateWorkshopBodySchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Give the workshop a title.')
    .max(LIMITS.titleChars, `A title holds at most ${LIMITS.titleChars} characters.`),
  /** The empathy map to start from (changeable later); the six-quadrant map by default. */
  template: z.enum(['six', 'classic'], { error: 'Choose the template "six" or "classic".' }).default('six'),
});
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBodySchema>;

export interface CreateWorkshopReply {
  code: string;
  title: string;
  facilitatorKey: string;
  presenterUrl: string;
  joinUrl: string;
}

export const JoinBodySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Type your name.')
    .max(LIMITS.participantNameChars, `A name holds at most ${LIMITS.participantNameChars} characters.`),
});
export type JoinBody = z.infer<typeof JoinBodySchema>;

export type Role = 'facilitator' | 'participant';

export interface SessionReply {
  code: string;
  title: string;
  participantId: string;
  name: string;
  role: Role;
  token: string;
}

export interface WorkshopInfoReply {
  code: string;
  title: string;
  joinUrl: string;
}

export interface ErrorReply {
  error: string;
}
