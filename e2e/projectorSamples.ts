import { SENTENCE_TEXTS } from '../tests/helpers/noteTexts';
import type { SeedNote } from './roomSeeder';

/** Notes as a room writes them about a coffee-shop customer: a few words to a sentence each. */
export const SAMPLE_TEXTS: readonly string[] = [
  'Queues at lunch time',
  'Parking is hard',
  'No bike racks near the door',
  'Coffee ready when I arrive',
  'Billboards for energy drinks',
  'Podcasts on the way to work',
  'Asks friends before buying',
  'Wants to feel like a regular',
  'Compares prices on her phone while she waits in line',
  'Loyalty cards from three other shops',
  'Her manager says the new place is cheaper',
  'Worried about being late for the 9:00 meeting',
  'Says she only drinks oat milk',
  'Takes a photo of latte art for Instagram',
  'Reads reviews on Google Maps',
  'Colleagues bring coffee from home to save money',
  'Would pay more for a quiet corner to work',
  'Free refills',
  'Sees the same three chains on every corner',
  'Hears that the beans are fair trade',
  'Feels guilty about paper cups',
  'Orders ahead in the app when it works',
  'Tired of apps that forget her order',
  'Wants a seat with a power socket',
  'Success is a calm ten minutes before work',
  'Friends recommend the bakery next door',
];

/** Sticky notes of a few words (at most 30 characters): what the 24 px promise is made for. */
export const SHORT_TEXTS: readonly string[] = SAMPLE_TEXTS.filter((text) => text.length <= 30);

/**
 * `perQuadrant` notes in each quadrant (or, given a list, that many in each quadrant in turn), a
 * third of them labelled, some in groups.
 */
export function sampleNotes(
  quadrants: readonly string[],
  perQuadrant: number | readonly number[],
  options: { groups?: boolean; short?: boolean; sentences?: boolean } = {},
): SeedNote[] {
  const texts = options.short ? SHORT_TEXTS : options.sentences ? SENTENCE_TEXTS : SAMPLE_TEXTS;
  const notes: SeedNote[] = [];
  quadrants.forEach((quadrant, q) => {
    const count = typeof perQuadrant === 'number' ? perQuadrant : (perQuadrant[q] ?? 0);
    for (let i = 0; i < count; i++) {
      const text = texts[(i * 7 + q * 3) % texts.length]!;
      const evidence = i % 3 === 0 ? 'observed' : i % 5 === 0 ? 'assumed' : undefined;
      const group = options.groups && i % 4 === 1 ? (q % 2 === 0 ? 'Getting there' : 'Price') : undefined;
      notes.push({ quadrant, text, ...(evidence ? { evidence } : {}), ...(group ? { group } : {}) });
    }
  });
  return notes;
}
