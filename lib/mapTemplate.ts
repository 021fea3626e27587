import type * as Y from 'yjs';
import { metaMap } from './board';
import { QuadrantsSchema, TemplateIdSchema, type Quadrant, type TemplateId } from './quadrants';
import { fail, ok, type Result } from './result';
import { refusalText } from './refusals';

/**
 * Sets the board's empathy-map template. Notes keep their quadrant: those whose quadrant
 * the new map lacks show under "Not on this map" until moved (or the quadrant comes back).
 */
export function setMapTemplate(doc: Y.Doc, template: TemplateId, quadrants: readonly Quadrant[]): Result<readonly Quadrant[]> {
  const parsedTemplate = TemplateIdSchema.safeParse(template);
  const parsed = QuadrantsSchema.safeParse(quadrants);
  if (!parsedTemplate.success) return fail(refusalText('unknownTemplate'));
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? refusalText('invalidQuadrants'));
  doc.transact(() => {
    metaMap(doc).set('template', parsedTemplate.data);
    metaMap(doc).set('quadrants', parsed.data);
  });
  return ok(parsed.data);
}
