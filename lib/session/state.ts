import * as z from '../zod';
import { QuadrantIdSchema, SIX_QUADRANTS, type Quadrant } from '../quadrants';
import { defaultAgenda, StepSchema, STEP_LIMITS, type AgendaTexts, type Step } from './agenda';

/**
 * The countdown. Running: `endsAt` (server clock, ms). Paused or idle: `remainingMs`.
 * Every screen derives the same countdown from these, not from its own interval.
 */
export const TimerSchema = z.object({
  status: z.enum(['idle', 'running', 'paused']),
  durationMs: z.number().check(z.int(), z.gte(0)),
  endsAt: z.nullable(z.number().check(z.int())),
  remainingMs: z.number().check(z.int(), z.gte(0)),
});
export type Timer = z.infer<typeof TimerSchema>;

/**
 * A dot-voting round. Blind while open: `results` stays null (each participant only learns
 * their own dots) until the facilitator closes the round.
 */
export const VoteRoundSchema = z.object({
  roundId: z.string(),
  status: z.enum(['open', 'closed']),
  personaId: z.nullable(z.string()),
  quadrant: z.nullable(QuadrantIdSchema),
  budget: z.number().check(z.int(), z.gte(1)),
  allowMultiplePerNote: z.boolean(),
  results: z.nullable(z.record(z.string(), z.number().check(z.int(), z.gte(0)))),
});
export type VoteRound = z.infer<typeof VoteRoundSchema>;

/** Session control: server-authoritative, changed only by the facilitator's commands. */
export const SessionStateSchema = z.object({
  agenda: z.array(StepSchema).check(z.minLength(1), z.maxLength(STEP_LIMITS.maxSteps)),
  currentStepId: z.string(),
  timer: TimerSchema,
  isBoardLocked: z.boolean(),
  isLobbyLocked: z.boolean(),
  spotlight: z.nullable(QuadrantIdSchema),
  activePersonaId: z.nullable(z.string()),
  /** Participants who pressed "I'm done" in the current step. */
  doneParticipantIds: z.array(z.string()),
  vote: z._default(z.nullable(VoteRoundSchema), null),
  /** Bumped on every change, so clients can drop stale broadcasts. */
  revision: z.number().check(z.int(), z.gte(0)),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

export function idleTimer(durationSec: number): Timer {
  return { status: 'idle', durationMs: durationSec * 1000, endsAt: null, remainingMs: durationSec * 1000 };
}

/** A new workshop's session: the default agenda, with a step per quadrant of its map, in the workshop's words. */
export function initialSessionState(quadrants: readonly Quadrant[] = SIX_QUADRANTS, texts?: AgendaTexts): SessionState {
  const agenda = defaultAgenda(quadrants, texts);
  return {
    agenda,
    currentStepId: agenda[0]!.id,
    timer: idleTimer(agenda[0]!.durationSec),
    isBoardLocked: false,
    isLobbyLocked: false,
    spotlight: null,
    activePersonaId: null,
    doneParticipantIds: [],
    vote: null,
    revision: 0,
  };
}

/** Milliseconds left on the timer at `now` (server clock). */
export function timerRemainingMs(timer: Timer, now: number): number {
  if (timer.status !== 'running' || timer.endsAt === null) return timer.remainingMs;
  return Math.max(0, timer.endsAt - now);
}

export function currentStep(state: SessionState) {
  return state.agenda.find((step) => step.id === state.currentStepId) ?? state.agenda[0]!;
}

/**
 * A private or anonymous step: what a participant adds there (a note, a journey note, a question,
 * an action) is a draft only they see until the reveal; the server refuses it from their Yjs socket.
 */
export const isDraftStep = (step: Pick<Step, 'isPrivate' | 'isAnonymous'>): boolean => step.isPrivate || step.isAnonymous;
