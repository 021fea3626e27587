import { describe, expect, it } from 'vitest';
import { MIN_NOTE_FONT_PX, fitQuadrant, type LayoutNote, type Size } from '../../lib/projectorLayout';
import { SENTENCE_TEXTS } from '../helpers/noteTexts';

/** 15 notes of a sentence each, a third with an evidence mark: a quadrant by mid-morning. */
const SENTENCES: LayoutNote[] = SENTENCE_TEXTS.slice(0, 15).map((text, index) => ({
  id: `n${index}`,
  text,
  groupId: null,
  hasEvidence: index % 3 === 0,
}));

const fit = (box: Size) => fitQuadrant({ box, maxFontPx: 21, questions: ['Who influences them?'], groups: [], notes: SENTENCES });

/**
 * The six-quadrant map's boxes at 1280×720, as the browser measures them (content boxes): with the
 * facilitator's controls hidden, and with them shown.
 */
const AT_720 = {
  hidden: {
    hearsOrSees: { width: 250, height: 417 },
    thinksOrSays: { width: 701, height: 166 },
    painsOrGains: { width: 612, height: 183 },
  },
  shown: { hearsOrSees: { width: 250, height: 339 }, thinksOrSays: { width: 701, height: 128 }, painsOrGains: { width: 612, height: 141 } },
};

describe('fitQuadrant at volume: two lines a note before one', () => {
  it('shows 15 notes of a sentence two lines each in every quadrant of the map at 1280×720 (controls hidden)', () => {
    // Used to be one line each ("Coffee re…") on every quadrant at 720p, which the back row cannot read (issue #11).
    for (const [name, box] of Object.entries(AT_720.hidden)) {
      const layout = fit(box);
      expect(layout.maxLines, name).toBeGreaterThanOrEqual(2);
      expect(layout.metrics.fontPx, name).toBeGreaterThanOrEqual(MIN_NOTE_FONT_PX);
      expect(layout.tiles, name).toHaveLength(15);
      expect(layout.hiddenNoteIds, name).toEqual([]);
    }
  });

  it('cuts notes to one line only where two lines of them do not fit, and still shows every note', () => {
    const layout = fit(AT_720.shown.thinksOrSays);
    expect(layout.maxLines).toBe(1);
    expect(layout.tiles).toHaveLength(15);
    // The same notes on two lines need more room than this box has: at its width, two lines fit only in a taller box.
    const taller = fit({ ...AT_720.shown.thinksOrSays, height: AT_720.hidden.thinksOrSays.height });
    expect(taller.maxLines).toBeGreaterThanOrEqual(2);
  });

  it('never prefers one line when two fit: in any box, from tall to short, lines a note only go down', () => {
    for (const width of [250, 420, 612, 701, 1066]) {
      let lastLines = Infinity;
      for (let height = 600; height >= 100; height -= 7) {
        const layout = fit({ width, height });
        expect(layout.maxLines, `${width}×${height}`).toBeLessThanOrEqual(lastLines);
        lastLines = layout.maxLines;
      }
    }
  });
});
