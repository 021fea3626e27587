import * as z from './zod';
import { DEFAULT_LOCALE, LocaleSchema, type Locale } from './i18n/locales';
import { LIMITS } from './limits';
import { refusalText } from './refusals';

/** Bodies and replies of the HTTP API (`/api/workshops…`). */
export const CreateWorkshopBodySchema = z.object({
  title: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, refusalText('workshopTitleEmpty')),
      z.maxLength(LIMITS.titleChars, refusalText('workshopTitleTooLong', { max: LIMITS.titleChars })),
    ),
  /** The empathy map to start from (changeable later); the six-quadrant map by default. */
  template: z._default(z.enum(['six', 'classic'], { error: refusalText('templateChoice') }), 'six'),
  /** The workshop language: the projector, the default agenda and the built-in map's words. */
  locale: z._default(LocaleSchema, DEFAULT_LOCALE),
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
    .check(
      z.trim(),
      z.minLength(1, refusalText('nameEmpty')),
      z.maxLength(LIMITS.participantNameChars, refusalText('nameTooLong', { max: LIMITS.participantNameChars })),
    ),
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
  /** The workshop language. */
  locale: Locale;
  joinUrl: string;
}

export interface ErrorReply {
  error: string;
}
