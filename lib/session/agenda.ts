import * as z from '../zod';
import { QuadrantIdSchema, SIX_QUADRANTS, type Quadrant } from '../quadrants';

export const STEP_KINDS = ['lobby', 'customer_groups', 'profile', 'quadrant', 'journey', 'vote', 'gaps', 'wrap_up', 'custom'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LIMITS = { titleChars: 80, promptChars: 500, maxDurationSec: 4 * 3600, maxSteps: 40, maxVoteBudget: 20 } as const;

/** One step of the workshop's agenda, as the facilitator configured it. */
export const StepSchema = z.object({
  id: z.string().check(z.regex(/^[0-9a-z_]{1,24}$/)),
  kind: z.enum(STEP_KINDS),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(STEP_LIMITS.titleChars)),
  prompt: z.string().check(z.maxLength(STEP_LIMITS.promptChars)),
  durationSec: z.number().check(z.int(), z.gte(0), z.lte(STEP_LIMITS.maxDurationSec)),
  /** Notes stay with their author until the facilitator reveals them. */
  isPrivate: z.boolean(),
  /** Author names of notes made in this step are not shown to other participants. */
  isAnonymous: z.boolean(),
  voteBudget: z.number().check(z.int(), z.gte(1), z.lte(STEP_LIMITS.maxVoteBudget)),
  /** The quadrant phones switch to in this step. */
  quadrant: z.nullable(QuadrantIdSchema),
  isSkipped: z.boolean(),
});
export type Step = z.infer<typeof StepSchema>;

/** The fields a facilitator may change on a step. */
export const StepPatchSchema = z.partial(
  z.pick(StepSchema, {
    title: true,
    prompt: true,
    durationSec: true,
    isPrivate: true,
    isAnonymous: true,
    voteBudget: true,
    quadrant: true,
    isSkipped: true,
  }),
);
export type StepPatch = z.infer<typeof StepPatchSchema>;

const base = { prompt: '', durationSec: 0, isPrivate: false, isAnonymous: false, voteBudget: 3, quadrant: null, isSkipped: false } as const;

/** The agenda step that fills one quadrant: private writing, then a reveal. */
export function quadrantStep(quadrant: Quadrant, minutes = 8): Step {
  return {
    ...base,
    id: `q_${quadrant.id}`,
    kind: 'quadrant',
    title: quadrant.title,
    prompt: quadrant.questions.join(' '),
    durationSec: minutes * 60,
    isPrivate: true,
    quadrant: quadrant.id,
  };
}

/** The default agenda's steps besides the quadrant steps, by step id. */
export const FIXED_STEP_IDS = ['lobby', 'groups', 'profile', 'journey', 'vote', 'gaps', 'wrap_up'] as const;
export type FixedStepId = (typeof FIXED_STEP_IDS)[number];

/** The words of the default agenda's fixed steps, in one language (the server fills them from the workshop language's catalog). */
export type AgendaTexts = Record<FixedStepId, { title: string; prompt: string }>;

/** English, the default (and what the catalogs' `board.agenda` in messages/en.json holds). */
export const ENGLISH_AGENDA: AgendaTexts = {
  lobby: { title: 'Lobby', prompt: 'Join with the room code or the QR code.' },
  groups: {
    title: 'Customer groups',
    prompt: 'Who buys from us? Think in segments beyond demographics, then pick the 1–4 groups that become personas.',
  },
  profile: { title: 'Persona profile', prompt: 'Give the persona a name, a picture, a quote and a profile.' },
  journey: { title: 'Scenario & journey', prompt: 'How does this persona buy one of our products? List the steps to task completion.' },
  vote: { title: 'Vote', prompt: 'Put your dots on the insights that matter most.' },
  gaps: {
    title: "What we don't know",
    prompt: 'What do we not know about this persona but need to? Pick three things to learn, each with an owner and a date.',
  },
  wrap_up: { title: 'Wrap-up', prompt: 'Export the persona posters, the board and the action plan.' },
};

/** The default one-day agenda (PRODUCT.md), with one step per quadrant of the chosen map, in the words given. */
export function defaultAgenda(quadrants: readonly Quadrant[] = SIX_QUADRANTS, texts: AgendaTexts = ENGLISH_AGENDA): Step[] {
  return [
    { ...base, id: 'lobby', kind: 'lobby', ...texts.lobby },
    { ...base, id: 'groups', kind: 'customer_groups', ...texts.groups, durationSec: 15 * 60 },
    { ...base, id: 'profile', kind: 'profile', ...texts.profile, durationSec: 20 * 60 },
    ...quadrants.map((quadrant) => quadrantStep(quadrant)),
    { ...base, id: 'journey', kind: 'journey', ...texts.journey, durationSec: 20 * 60 },
    { ...base, id: 'vote', kind: 'vote', ...texts.vote, durationSec: 5 * 60 },
    { ...base, id: 'gaps', kind: 'gaps', ...texts.gaps, durationSec: 15 * 60 },
    { ...base, id: 'wrap_up', kind: 'wrap_up', ...texts.wrap_up },
  ];
}

/**
 * The agenda after the empathy map changed from `before` to `after`: one quadrant step per
 * quadrant of the new map, where the old quadrant steps were. A step whose quadrant stays keeps
 * its settings (its title and prompt follow a renamed quadrant unless the facilitator had
 * changed them); steps for removed quadrants go, except the current one, which stays without
 * a quadrant so the room is not pulled off its step.
 */
export function alignAgendaWithMap(
  agenda: readonly Step[],
  currentStepId: string,
  before: readonly Quadrant[],
  after: readonly Quadrant[],
): Step[] {
  const isMapStep = (step: Step) => step.kind === 'quadrant' && step.quadrant !== null;
  const firstMapStep = agenda.findIndex(isMapStep);
  const insertAt = firstMapStep >= 0 ? firstMapStep : journeyOrEnd(agenda);
  const orphan = agenda.find((step) => step.id === currentStepId && isMapStep(step) && !after.some((q) => q.id === step.quadrant));
  const takenIds = new Set(agenda.filter((step) => !isMapStep(step) || step === orphan).map((step) => step.id));
  const mapSteps = after.map((quadrant) => {
    const existing = agenda.find((step) => isMapStep(step) && step.quadrant === quadrant.id);
    if (!existing) return quadrantStep(quadrant);
    const old = before.find((q) => q.id === quadrant.id);
    return {
      ...existing,
      title: old && existing.title === old.title ? quadrant.title : existing.title,
      prompt: old && existing.prompt === old.questions.join(' ') ? quadrant.questions.join(' ') : existing.prompt,
    };
  });
  for (const step of mapSteps) {
    for (let n = 2; takenIds.has(step.id); n++) step.id = `${step.id.slice(0, 20)}_${n}`;
    takenIds.add(step.id);
  }
  const kept = agenda.slice(0, insertAt).filter((step) => !isMapStep(step));
  const rest = agenda.slice(insertAt).filter((step) => !isMapStep(step));
  return [...kept, ...(orphan ? [{ ...orphan, quadrant: null }] : []), ...mapSteps, ...rest];
}

function journeyOrEnd(agenda: readonly Step[]): number {
  const journey = agenda.findIndex((step) => step.kind === 'journey' || step.kind === 'vote' || step.kind === 'wrap_up');
  return journey >= 0 ? journey : agenda.length;
}
