import { newId } from '../ids';
import { fail, ok, type Result } from '../result';
import type { Quadrant } from '../quadrants';
import { alignAgendaWithMap, STEP_LIMITS, type Step } from './agenda';
import type { Command } from './commands';
import { idleTimer, timerRemainingMs, type SessionState, type Timer } from './state';
import { refusalText } from '../refusals';

export interface CommandContext {
  /** Server clock, ms. */
  now: number;
  /** Who sent the command (for "I'm done"). */
  participantId: string;
  /** Personas that exist on the board right now. */
  personaIds: readonly string[];
  /** The empathy map's quadrants before this command. */
  quadrants: readonly Quadrant[];
}

const MINUTE_MS = 60_000;

function indexOfStep(state: SessionState, stepId: string): number {
  return state.agenda.findIndex((step) => step.id === stepId);
}

/** Entering a step resets the timer to its duration, clears "done" and follows its quadrant. */
function enterStep(state: SessionState, step: Step): SessionState {
  return { ...state, currentStepId: step.id, timer: idleTimer(step.durationSec), doneParticipantIds: [], spotlight: step.quadrant };
}

/** The next step in `direction` that is not skipped, if any. */
function neighbour(state: SessionState, direction: 1 | -1): Step | null {
  for (let i = indexOfStep(state, state.currentStepId) + direction; i >= 0 && i < state.agenda.length; i += direction) {
    const step = state.agenda[i]!;
    if (!step.isSkipped) return step;
  }
  return null;
}

function reduceTimer(timer: Timer, command: Command, now: number, stepDurationSec: number): Result<Timer> {
  const remaining = timerRemainingMs(timer, now);
  switch (command.type) {
    case 'timer.start': {
      const durationMs = (command.durationSec ?? stepDurationSec) * 1000;
      if (durationMs <= 0) return fail(refusalText('setDurationFirst'));
      return ok({ status: 'running', durationMs, endsAt: now + durationMs, remainingMs: durationMs });
    }
    case 'timer.pause':
      if (timer.status !== 'running') return fail(refusalText('timerNotRunning'));
      return ok({ ...timer, status: 'paused', endsAt: null, remainingMs: remaining });
    case 'timer.resume':
      if (timer.status !== 'paused') return fail(refusalText('timerNotPaused'));
      return ok({ ...timer, status: 'running', endsAt: now + remaining, remainingMs: remaining });
    case 'timer.addMinute':
      if (timer.status === 'running')
        return ok({ ...timer, durationMs: timer.durationMs + MINUTE_MS, endsAt: now + remaining + MINUTE_MS });
      return ok({ ...timer, durationMs: timer.durationMs + MINUTE_MS, remainingMs: remaining + MINUTE_MS });
    case 'timer.reset':
      return ok(idleTimer(stepDurationSec));
    default:
      return fail(refusalText('notTimerCommand'));
  }
}

function reduceAgenda(state: SessionState, command: Command): Result<SessionState> {
  switch (command.type) {
    case 'step.goto': {
      const step = state.agenda.find((s) => s.id === command.stepId);
      return step ? ok(enterStep(state, step)) : fail(refusalText('agendaStepGone'));
    }
    case 'step.next':
    case 'step.previous': {
      const step = neighbour(state, command.type === 'step.next' ? 1 : -1);
      return step ? ok(enterStep(state, step)) : fail(command.type === 'step.next' ? refusalText('lastStep') : refusalText('firstStep'));
    }
    case 'step.update': {
      const index = indexOfStep(state, command.stepId);
      if (index < 0) return fail(refusalText('agendaStepGone'));
      const agenda = state.agenda.map((step, i) => (i === index ? { ...step, ...command.patch } : step));
      const isCurrent = command.stepId === state.currentStepId;
      const timer =
        isCurrent && command.patch.durationSec !== undefined && state.timer.status === 'idle'
          ? idleTimer(command.patch.durationSec)
          : state.timer;
      return ok({ ...state, agenda, timer });
    }
    case 'step.add': {
      if (state.agenda.length >= STEP_LIMITS.maxSteps) return fail(refusalText('agendaMaxSteps', { max: STEP_LIMITS.maxSteps }));
      const index = indexOfStep(state, command.afterStepId);
      if (index < 0) return fail(refusalText('agendaStepGone'));
      const step: Step = {
        id: newId().slice(0, 12),
        kind: command.kind,
        title: command.title,
        prompt: '',
        durationSec: 10 * 60,
        isPrivate: false,
        isAnonymous: false,
        voteBudget: 3,
        quadrant: null,
        isSkipped: false,
      };
      return ok({ ...state, agenda: [...state.agenda.slice(0, index + 1), step, ...state.agenda.slice(index + 1)] });
    }
    case 'step.move': {
      const index = indexOfStep(state, command.stepId);
      if (index < 0) return fail(refusalText('agendaStepGone'));
      const agenda = [...state.agenda];
      const [step] = agenda.splice(index, 1);
      agenda.splice(Math.min(command.toIndex, agenda.length), 0, step!);
      return ok({ ...state, agenda });
    }
    case 'step.remove': {
      if (state.agenda.length <= 1) return fail(refusalText('agendaNeedsStep'));
      if (command.stepId === state.currentStepId) return fail(refusalText('moveBeforeRemoving'));
      if (indexOfStep(state, command.stepId) < 0) return fail(refusalText('agendaStepGone'));
      return ok({ ...state, agenda: state.agenda.filter((step) => step.id !== command.stepId) });
    }
    default:
      return fail(refusalText('notAgendaCommand'));
  }
}

/**
 * The session's pure state machine: the facilitator's command applied to the state, or the
 * reason it cannot be. Authorization is the caller's job (see `PARTICIPANT_COMMANDS`).
 */
export function reduceSession(state: SessionState, command: Command, context: CommandContext): Result<SessionState> {
  const step = state.agenda.find((s) => s.id === state.currentStepId) ?? state.agenda[0]!;
  let next: Result<SessionState>;
  switch (command.type) {
    case 'timer.start':
    case 'timer.pause':
    case 'timer.resume':
    case 'timer.addMinute':
    case 'timer.reset': {
      const timer = reduceTimer(state.timer, command, context.now, step.durationSec);
      next = timer.ok ? ok({ ...state, timer: timer.value }) : timer;
      break;
    }
    case 'board.lock':
      next = ok({ ...state, isBoardLocked: command.isLocked });
      break;
    case 'lobby.lock':
      next = ok({ ...state, isLobbyLocked: command.isLocked });
      break;
    case 'spotlight.set':
      next = ok({ ...state, spotlight: command.quadrant });
      break;
    case 'persona.activate':
      next = context.personaIds.includes(command.personaId)
        ? ok({ ...state, activePersonaId: command.personaId })
        : fail(refusalText('personaGone'));
      break;
    case 'map.set': {
      const agenda = alignAgendaWithMap(state.agenda, state.currentStepId, context.quadrants, command.quadrants);
      const isOnMap = (id: string | null) => id !== null && command.quadrants.some((q) => q.id === id);
      next =
        agenda.length > STEP_LIMITS.maxSteps
          ? fail(refusalText('agendaWouldExceed', { max: STEP_LIMITS.maxSteps }))
          : ok({ ...state, agenda, spotlight: isOnMap(state.spotlight) ? state.spotlight : null });
      break;
    }
    case 'participant.kick':
      next = ok({ ...state, doneParticipantIds: state.doneParticipantIds.filter((id) => id !== command.participantId) });
      break;
    case 'participant.done': {
      const others = state.doneParticipantIds.filter((id) => id !== context.participantId);
      next = ok({ ...state, doneParticipantIds: command.isDone ? [...others, context.participantId] : others });
      break;
    }
    default:
      next = reduceAgenda(state, command);
  }
  return next.ok ? ok({ ...next.value, revision: state.revision + 1 }) : next;
}
