import * as z from '../zod';
import { LIMITS } from '../limits';
import { NOTE_COLORS } from '../note';
import { QuadrantIdSchema, QuadrantsSchema, TemplateIdSchema } from '../quadrants';
import { StepPatchSchema, STEP_KINDS, STEP_LIMITS } from './agenda';
import { DRAFT_KINDS, DRAFT_TEXT_CHARS } from './drafts';

export { DRAFT_TEXT_CHARS } from './drafts';

const CommandIdSchema = z.string().check(z.minLength(1), z.maxLength(64));
const StepIdSchema = z.string().check(z.regex(/^[0-9a-z_]{1,24}$/));
const RecordIdSchema = z.string().check(z.regex(/^[0-9a-z]{16}$/));
const DraftTextSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.noteTextChars));
const StepTitleSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(STEP_LIMITS.titleChars));
const VoteBudgetSchema = z.number().check(z.int(), z.gte(1), z.lte(STEP_LIMITS.maxVoteBudget));

/**
 * A new private draft. `kind` (default `note`, the original command) says where it goes: a note
 * needs its `quadrant` (it goes to the active persona), a journey note its `journeyStepId` (the
 * step's persona), a question or an action its `personaId`.
 */
const DraftAddSchema = z
  .object({
    id: CommandIdSchema,
    type: z.literal('draft.add'),
    draftId: RecordIdSchema,
    kind: z._default(z.enum(DRAFT_KINDS), 'note'),
    quadrant: z.optional(QuadrantIdSchema),
    journeyStepId: z.optional(RecordIdSchema),
    personaId: z.optional(RecordIdSchema),
    text: DraftTextSchema,
    color: z._default(z.enum(NOTE_COLORS), 'yellow'),
  })
  .check(
    z.superRefine((draft, ctx) => {
      const needs = { note: 'quadrant', journeyNote: 'journeyStepId', question: 'personaId', action: 'personaId' } as const;
      const field = needs[draft.kind];
      if (draft[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `a ${draft.kind} draft needs ${field}` });
      if (draft.text.length > DRAFT_TEXT_CHARS[draft.kind]) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: `at most ${DRAFT_TEXT_CHARS[draft.kind]} characters` });
      }
    }),
  );

/**
 * Every command the control plane accepts: one discriminated union shared by browser and
 * server. `id` makes a retried command apply once.
 */
export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ id: CommandIdSchema, type: z.literal('step.goto'), stepId: StepIdSchema }),
  z.object({ id: CommandIdSchema, type: z.literal('step.next') }),
  z.object({ id: CommandIdSchema, type: z.literal('step.previous') }),
  z.object({ id: CommandIdSchema, type: z.literal('step.update'), stepId: StepIdSchema, patch: StepPatchSchema }),
  z.object({
    id: CommandIdSchema,
    type: z.literal('step.add'),
    afterStepId: StepIdSchema,
    title: StepTitleSchema,
    kind: z._default(z.enum(STEP_KINDS), 'custom'),
  }),
  z.object({
    id: CommandIdSchema,
    type: z.literal('step.move'),
    stepId: StepIdSchema,
    toIndex: z.number().check(z.int(), z.gte(0), z.lte(STEP_LIMITS.maxSteps)),
  }),
  z.object({ id: CommandIdSchema, type: z.literal('step.remove'), stepId: StepIdSchema }),
  z.object({
    id: CommandIdSchema,
    type: z.literal('timer.start'),
    durationSec: z.optional(z.number().check(z.int(), z.gte(1), z.lte(STEP_LIMITS.maxDurationSec))),
  }),
  z.object({ id: CommandIdSchema, type: z.literal('timer.pause') }),
  z.object({ id: CommandIdSchema, type: z.literal('timer.resume') }),
  z.object({ id: CommandIdSchema, type: z.literal('timer.addMinute') }),
  z.object({ id: CommandIdSchema, type: z.literal('timer.reset') }),
  z.object({ id: CommandIdSchema, type: z.literal('board.lock'), isLocked: z.boolean() }),
  z.object({ id: CommandIdSchema, type: z.literal('lobby.lock'), isLocked: z.boolean() }),
  z.object({ id: CommandIdSchema, type: z.literal('spotlight.set'), quadrant: z.nullable(QuadrantIdSchema) }),
  z.object({ id: CommandIdSchema, type: z.literal('persona.activate'), personaId: RecordIdSchema }),
  z.object({ id: CommandIdSchema, type: z.literal('participant.kick'), participantId: RecordIdSchema }),
  z.object({ id: CommandIdSchema, type: z.literal('participant.done'), isDone: z.boolean() }),
  z.object({ id: CommandIdSchema, type: z.literal('room.rotateCode') }),
  // The empathy map's template: written into the board, with the agenda's quadrant steps to match.
  z.object({ id: CommandIdSchema, type: z.literal('map.set'), template: TemplateIdSchema, quadrants: QuadrantsSchema }),
  // Private writing: a note, journey note, question or action only its author sees until the reveal.
  DraftAddSchema,
  z.object({ id: CommandIdSchema, type: z.literal('draft.edit'), draftId: RecordIdSchema, text: DraftTextSchema }),
  z.object({ id: CommandIdSchema, type: z.literal('draft.delete'), draftId: RecordIdSchema }),
  z.object({ id: CommandIdSchema, type: z.literal('drafts.reveal') }),
  // Dot voting.
  z.object({
    id: CommandIdSchema,
    type: z.literal('vote.open'),
    quadrant: z._default(z.nullable(QuadrantIdSchema), null),
    budget: z.optional(VoteBudgetSchema),
    allowMultiplePerNote: z._default(z.boolean(), false),
  }),
  z.object({ id: CommandIdSchema, type: z.literal('vote.close') }),
  z.object({ id: CommandIdSchema, type: z.literal('vote.cast'), noteId: RecordIdSchema, delta: z.union([z.literal(1), z.literal(-1)]) }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];

/** Commands a participant may send; everything else is the facilitator's alone. */
export const PARTICIPANT_COMMANDS: ReadonlySet<CommandType> = new Set([
  'participant.done',
  'draft.add',
  'draft.edit',
  'draft.delete',
  'vote.cast',
]);

/** Commands carried out by a service of their own rather than by `reduceSession` alone. */
export type DraftCommand = Extract<Command, { type: 'draft.add' | 'draft.edit' | 'draft.delete' | 'drafts.reveal' }>;
export type VoteCommand = Extract<Command, { type: 'vote.open' | 'vote.close' | 'vote.cast' }>;

/**
 * The answer to a command. `notice`: what an accepted command could not do in full (a reveal that
 * did not all fit). `status`: set when a limit refused it, as in HTTP (409 a cap is reached, 429 too fast).
 */
export type CommandReply = { ok: true; notice?: string } | { ok: false; error: string; status?: 409 | 429 };

/** A command as it is sent (fields with a default may be left out), without its id. */
type CommandSent = z.input<typeof CommandSchema>;
/** Distributes `Omit` over a union, so each command keeps its own fields. */
export type CommandInput = CommandSent extends infer C ? (C extends CommandSent ? Omit<C, 'id'> : never) : never;
