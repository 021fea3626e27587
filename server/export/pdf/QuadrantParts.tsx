import { StyleSheet, Text, View } from '@react-pdf/renderer';
import type { NoteExport, QuadrantExport } from '../exportModel';
import {
  BOX_PADDING,
  CHIP,
  CHIP_GAP,
  GRID_GAP,
  boxWidth,
  chipRows,
  chipWidth,
  estimateBoxHeight,
  headingPresenceAhead,
  UNSPLITTABLE_NOTE_CHARS,
  type PersonaLayout,
} from './posterLayout';
import { usePosterText } from './posterText';
import { directionOf, textStyle } from './scripts';
import { EVIDENCE_COLORS, FULL_SHAPING, INK, MUTED, NOTE_PAPER, quadrantAccent, RULE } from './theme';

const styles = StyleSheet.create({
  box: { borderRadius: 6, borderWidth: 0.75, borderColor: RULE, borderTopWidth: 4, padding: BOX_PADDING },
  boxHeader: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' },
  rtlHeader: { paddingLeft: 24 },
  rtlCount: { position: 'absolute', left: 0, top: 3 },
  boxTitle: { fontSize: 11, fontWeight: 700, letterSpacing: 0.6, textTransform: 'uppercase', fontFeatureSettings: FULL_SHAPING },
  count: { fontSize: 8, fontWeight: 700, color: '#FFFFFF', borderRadius: 7, paddingHorizontal: 5, paddingVertical: 1 },
  prompt: { fontSize: 7, color: MUTED, marginTop: 2, marginBottom: 4 },
  evidence: { flexDirection: 'row', alignItems: 'center', gap: 5, marginBottom: 6 },
  bar: { flexDirection: 'row', width: 56, height: 4, borderRadius: 2, backgroundColor: EVIDENCE_COLORS.unlabelled },
  evidenceText: { fontSize: 6.5, color: MUTED },
  chips: { gap: CHIP_GAP },
  chipRow: { flexDirection: 'row', gap: CHIP_GAP },
  chip: { borderRadius: 3, borderLeftWidth: CHIP.edge, paddingVertical: CHIP.paddingY, paddingHorizontal: CHIP.paddingX },
  group: { fontSize: CHIP.groupSize, lineHeight: 1.25, fontWeight: 700, color: '#475569', letterSpacing: 0.3, marginBottom: 1.5 },
  rtlMarks: { textAlign: 'right', marginBottom: 1 },
  mark: { fontSize: CHIP.markSize, fontWeight: 700, color: '#FFFFFF', textTransform: 'uppercase', letterSpacing: 0.3 },
  chipText: { fontSize: CHIP.fontSize, lineHeight: CHIP.lineHeight, color: INK },
  meta: { fontSize: 6.5, color: '#475569' },
  empty: { fontSize: 7.5, color: MUTED },
  bandHead: { borderTopWidth: 4, borderTopLeftRadius: 6, borderTopRightRadius: 6, paddingTop: BOX_PADDING, paddingHorizontal: BOX_PADDING },
  bandBody: {
    borderBottomLeftRadius: 6,
    borderBottomRightRadius: 6,
    paddingBottom: BOX_PADDING,
    paddingHorizontal: BOX_PADDING,
    marginBottom: GRID_GAP,
  },
});

/** No-break spaces: the count and its words stay on one line, inside one highlight. */
const unbroken = (text: string) => text.replace(/ /g, '\u00A0');

/** Evidence label and closed-vote dots, as highlighted runs (each followed by a space, see NoteChip). */
function Marks({ note }: { note: NoteExport }) {
  const { t } = usePosterText();
  return (
    <>
      {note.evidence && (
        <Text
          style={[styles.mark, { backgroundColor: EVIDENCE_COLORS[note.evidence] }]}
        >{`\u2009${unbroken(t(note.evidence))}\u2009`}</Text>
      )}
      {note.evidence && note.votes > 0 && ' '}
      {note.votes > 0 && (
        <Text style={[styles.mark, { backgroundColor: INK }]}>{`\u2009${unbroken(t('votes', { count: note.votes }))}\u2009`}</Text>
      )}
    </>
  );
}

/**
 * A note: its group's name above it, then its marks (evidence label, closed-vote dots) as
 * highlighted words leading the text, and its author after it. Marks and author are runs of the
 * note's one paragraph, not boxes of their own: a chip lays out as one text, which keeps big
 * boards quick. Each run ends before a single space: where two runs meet without one (or the
 * script changes inside a word, so no-break spaces do not glue "—" to a name), react-pdf may
 * break the line there with a hyphen. A right-to-left note gets its marks on a line of their own:
 * react-pdf's bidi puts a leading left-to-right run at the wrong end of the line.
 */
function NoteChip({ note, layout, isFullRow }: { note: NoteExport; layout: PersonaLayout; isFullRow: boolean }) {
  const { isRtl: isRtlPoster } = usePosterText();
  const paper = NOTE_PAPER[note.color];
  // The coloured edge is on the side the reading starts from.
  const edge = isRtlPoster
    ? { borderLeftWidth: 0, borderRightWidth: CHIP.edge, borderRightColor: paper.edge }
    : { borderLeftColor: paper.edge };
  const hasMarks = Boolean(note.evidence) || note.votes > 0;
  // On a right-to-left poster the marks are right-to-left words: they too get a line of their own.
  const isRtl = isRtlPoster || directionOf(note.text) === 'rtl';
  return (
    <View
      style={[styles.chip, { width: chipWidth(note, layout, isFullRow), backgroundColor: paper.paper }, edge]}
      wrap={note.text.length > UNSPLITTABLE_NOTE_CHARS}
    >
      {note.groupName !== '' && <Text style={[styles.group, textStyle(note.groupName)]}>{note.groupName}</Text>}
      {isRtl && hasMarks && (
        <Text style={[styles.chipText, styles.rtlMarks]}>
          <Marks note={note} />
        </Text>
      )}
      <Text style={[styles.chipText, textStyle(note.text, note.authorName)]}>
        {!isRtl && <Marks note={note} />}
        {hasMarks && !isRtl ? ` ${note.text}` : note.text}
        {note.authorName !== '' && <Text style={styles.meta}>{` — ${note.authorName}`}</Text>}
      </Text>
    </View>
  );
}

/** The quadrant's evidence balance: a bar (observed, assumed, unlabelled) and the counts. */
function EvidenceLine({ quadrant }: { quadrant: QuadrantExport }) {
  const { t, row, label } = usePosterText();
  const total = quadrant.notes.length;
  const unlabelled = total - quadrant.observedCount - quadrant.assumedCount;
  const counts = [
    t('observedCount', { count: quadrant.observedCount }),
    t('assumedCount', { count: quadrant.assumedCount }),
    ...(unlabelled > 0 ? [t('unlabelledCount', { count: unlabelled })] : []),
  ].join(' · ');
  const part = (count: number, color: string) =>
    count > 0 ? <View style={{ width: `${(100 * count) / total}%`, backgroundColor: color, height: 4 }} /> : null;
  return (
    <View style={[styles.evidence, row]}>
      <View style={[styles.bar, row]}>
        {part(quadrant.observedCount, EVIDENCE_COLORS.observed)}
        {part(quadrant.assumedCount, EVIDENCE_COLORS.assumed)}
      </View>
      <Text style={[styles.evidenceText, label(counts)]}>{counts}</Text>
    </View>
  );
}

function QuadrantHeading({ quadrant }: { quadrant: QuadrantExport }) {
  const { isRtl, label } = usePosterText();
  const { accent } = quadrantAccent(quadrant.index);
  const count = <Text style={[styles.count, { backgroundColor: accent }]}>{quadrant.notes.length}</Text>;
  const title = <Text style={[styles.boxTitle, { color: accent }, label(), textStyle(quadrant.title)]}>{quadrant.title}</Text>;
  return (
    <>
      {/* Right to left: react-pdf misplaces right-aligned text in a row, so the count is pinned to the start instead. */}
      {isRtl ? (
        <View style={styles.rtlHeader}>
          {title}
          <View style={styles.rtlCount}>{count}</View>
        </View>
      ) : (
        <View style={styles.boxHeader}>
          {title}
          {count}
        </View>
      )}
      <Text style={[styles.prompt, label(), textStyle(quadrant.prompt)]}>{quadrant.prompt}</Text>
      {quadrant.notes.length > 0 && <EvidenceLine quadrant={quadrant} />}
    </>
  );
}

function NoteChips({ quadrant, layout, isFullRow = false }: { quadrant: QuadrantExport; layout: PersonaLayout; isFullRow?: boolean }) {
  const { t, row: rowStyle, label } = usePosterText();
  if (quadrant.notes.length === 0) return <Text style={[styles.empty, label(t('noNotesYet'))]}>{t('noNotesYet')}</Text>;
  return (
    <View style={styles.chips}>
      {chipRows(quadrant.notes, layout, isFullRow).map((row) => (
        <View key={row[0]!.id} style={[styles.chipRow, rowStyle]}>
          {row.map((note) => (
            <NoteChip key={note.id} note={note} layout={layout} isFullRow={isFullRow} />
          ))}
        </View>
      ))}
    </View>
  );
}

/** A poster cell: one box, stretched to its row's height; alone in its row, it spans the page. */
export function QuadrantBox({ quadrant, isFullRow }: { quadrant: QuadrantExport; isFullRow: boolean }) {
  const { accent, tint } = quadrantAccent(quadrant.index);
  return (
    <View style={[styles.box, { width: boxWidth('poster', isFullRow), borderTopColor: accent, backgroundColor: tint }]}>
      <QuadrantHeading quadrant={quadrant} />
      <NoteChips quadrant={quadrant} layout="poster" isFullRow={isFullRow} />
    </View>
  );
}

/** Bands up to this tall move to the next page whole instead of splitting. */
const SMALL_BAND_PT = 180;

/**
 * A band of the flowing layout. Heading and notes are siblings, not one box, so when the
 * heading moves to the next page (it needs some notes after it) no empty box is left behind.
 * A small band moves whole: split, its bottom padding alone could land at the top of the next
 * page as a stray strip.
 */
export function QuadrantBand({ quadrant }: { quadrant: QuadrantExport }) {
  const { accent, tint } = quadrantAccent(quadrant.index);
  const band = (
    <>
      <View
        style={[styles.bandHead, { borderTopColor: accent, backgroundColor: tint }]}
        wrap={false}
        minPresenceAhead={headingPresenceAhead(quadrant)}
      >
        <QuadrantHeading quadrant={quadrant} />
      </View>
      <View style={[styles.bandBody, { backgroundColor: tint }]}>
        <NoteChips quadrant={quadrant} layout="flow" />
      </View>
    </>
  );
  return estimateBoxHeight(quadrant, 'flow') <= SMALL_BAND_PT ? <View wrap={false}>{band}</View> : band;
}
