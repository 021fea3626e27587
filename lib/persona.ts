import { z } from 'zod';
import { ID_PATTERN } from './ids';
import { LIMITS } from './limits';

/**
 * A customer persona. Stored as one `Y.Map` per persona under the top-level `personas` map,
 * keyed by `id`; `order` sorts them (fractional, so a reorder is one write).
 */
export const PersonaSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  name: z.string().max(LIMITS.personaNameChars),
  order: z.number().finite(),
  createdAt: z.number().int().nonnegative(),
});
export type Persona = z.infer<typeof PersonaSchema>;

export const PERSONA_FIELDS = Object.keys(PersonaSchema.shape) as readonly (keyof Persona)[];

/** The workshop's own fields, under the top-level `meta` map. */
export const MetaSchema = z.object({
  title: z.string().max(LIMITS.titleChars),
  createdAt: z.number().int().nonnegative(),
  schemaVersion: z.literal(1),
});
export type Meta = z.infer<typeof MetaSchema>;

export const META_FIELDS = Object.keys(MetaSchema.shape) as readonly (keyof Meta)[];
