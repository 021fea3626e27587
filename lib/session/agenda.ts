import { z } from 'zod';
import { QUADRANT_IDS, QUADRANTS } from '../quadrants';

export const STEP_KINDS = ['lobby', 'customer_groups', 'profile', 'quadrant', 'journey', 'vote', 'gaps', 'wrap_up', 'custom'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LIMITS = { titleChars: 80, promptChars: 500, maxDurationSec: 4 * 3600, maxSteps: 40, maxVoteBudget: 20 } as const;

/** One step of the workshop's agenda, as the facilitator configured it. */
export const StepSchema = z.object({
  id: z.string().regex(/^[0-9a-z_]{1,24}$/),
  kind: z.enum(STEP_KINDS),
  title: z.string().trim().min(1).max(STEP_LIMITS.titleChars),
  prompt: z.string().max(STEP_LIMITS.promptChars),
  durationSec: z.number().int().min(0).max(STEP_LIMITS.maxDurationSec),
  /** Notes stay with their author until the facilitator reveals them. */
  isPrivate: z.boolean(),
  /** Author names of notes made in this step are not shown to other participants. */
  isAnonymous: z.boolean(),
  voteBudget: z.number().int().min(1).max(STEP_LIMITS.maxVoteBudget),
  /** The quadrant phones switch to in this step. */
  quadrant: z.enum(QUADRANT_IDS).nullable(),
  isSkipped: z.boolean(),
});
export type Step = z.infer<typeof StepSchema>;

/** The fields a facilitator may change on a step. */
export const StepPatchSchema = StepSchema.pick({
  title: true,
  prompt: true,
  durationSec: true,
  isPrivate: true,
  isAnonymous: true,
  voteBudget: true,
  quadrant: true,
  isSkipped: true,
}).partial();
export type StepPatch = z.infer<typeof StepPatchSchema>;

const base = { prompt: '', durationSec: 0, isPrivate: false, isAnonymous: false, voteBudget: 3, quadrant: null, isSkipped: false } as const;

const quadrantStep = (id: (typeof QUADRANT_IDS)[number], minutes: number): Step => {
  const quadrant = QUADRANTS.find((q) => q.id === id)!;
  return {
    ...base,
    id: `q_${id}`,
    kind: 'quadrant',
    title: quadrant.title,
    prompt: quadrant.questions.join(' '),
    durationSec: minutes * 60,
    isPrivate: true,
    quadrant: id,
  };
};

/** The default one-day agenda (PRODUCT.md). */
export function defaultAgenda(): Step[] {
  return [
    { ...base, id: 'lobby', kind: 'lobby', title: 'Lobby', prompt: 'Join with the room code or the QR code.' },
    {
      ...base,
      id: 'groups',
      kind: 'customer_groups',
      title: 'Customer groups',
      prompt: 'Who buys from us? Think in segments beyond demographics, then pick the 1–4 groups that become personas.',
      durationSec: 15 * 60,
    },
    {
      ...base,
      id: 'profile',
      kind: 'profile',
      title: 'Persona profile',
      prompt: 'Give the persona a name, a picture, a quote and a profile.',
      durationSec: 20 * 60,
    },
    quadrantStep('sees', 8),
    quadrantStep('hears', 8),
    quadrantStep('thinks_feels', 8),
    quadrantStep('says_does', 8),
    quadrantStep('pains', 8),
    quadrantStep('gains', 8),
    {
      ...base,
      id: 'journey',
      kind: 'journey',
      title: 'Scenario & journey',
      prompt: 'How does this persona buy one of our products? List the steps to task completion.',
      durationSec: 20 * 60,
    },
    { ...base, id: 'vote', kind: 'vote', title: 'Vote', prompt: 'Put your dots on the insights that matter most.', durationSec: 5 * 60 },
    {
      ...base,
      id: 'gaps',
      kind: 'gaps',
      title: "What we don't know",
      prompt: 'What do we not know about this persona but need to? Pick three things to learn, each with an owner and a date.',
      durationSec: 15 * 60,
    },
    { ...base, id: 'wrap_up', kind: 'wrap_up', title: 'Wrap-up', prompt: 'Export the persona posters, the board and the action plan.' },
  ];
}
