import { Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { Note } from '../../../lib/note';
import type { PersonaExport, QuadrantExport } from '../exportModel';
import { Footer } from './Footer';
import {
  BOX_PADDING,
  CHIP,
  CHIP_GAP,
  GRID_GAP,
  boxWidth,
  chipWidth,
  planPersonaLayout,
  UNSPLITTABLE_NOTE_CHARS,
  type PersonaLayout,
} from './posterLayout';
import { FULL_SHAPING, INK, MUTED, NOTE_PAPER, PAGINATION, quadrantAccent, RULE, styles as base } from './theme';

const styles = StyleSheet.create({
  header: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end', marginBottom: 14 },
  name: { fontSize: 30, fontWeight: 700, lineHeight: 1.15, marginTop: 4, maxWidth: 380, fontFeatureSettings: FULL_SHAPING },
  summary: { fontSize: 9, color: MUTED, textAlign: 'right' },
  grid: { gap: GRID_GAP },
  row: { flexDirection: 'row', gap: GRID_GAP },
  box: { borderRadius: 6, borderWidth: 0.75, borderColor: RULE, borderTopWidth: 4, padding: BOX_PADDING },
  boxHeader: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' },
  boxTitle: { fontSize: 11, fontWeight: 700, letterSpacing: 0.6, textTransform: 'uppercase', fontFeatureSettings: FULL_SHAPING },
  count: { fontSize: 8, fontWeight: 700, color: '#FFFFFF', borderRadius: 7, paddingHorizontal: 5, paddingVertical: 1 },
  prompt: { fontSize: 7, color: MUTED, marginTop: 2, marginBottom: 7 },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: CHIP_GAP },
  chip: { borderRadius: 3, borderLeftWidth: CHIP.edge, paddingVertical: CHIP.paddingY, paddingHorizontal: CHIP.paddingX },
  chipText: { fontSize: CHIP.fontSize, lineHeight: CHIP.lineHeight, color: INK },
  author: { fontSize: 6.5, color: '#475569' },
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

function NoteChip({ note, layout }: { note: Note; layout: PersonaLayout }) {
  const paper = NOTE_PAPER[note.color];
  return (
    <View
      style={[styles.chip, { width: chipWidth(note, layout), backgroundColor: paper.paper, borderLeftColor: paper.edge }]}
      wrap={note.text.length > UNSPLITTABLE_NOTE_CHARS}
    >
      <Text style={styles.chipText}>
        {note.text}
        <Text style={styles.author}>{`  — ${note.authorName}${note.evidence ? ` · ${note.evidence}` : ''}`}</Text>
      </Text>
    </View>
  );
}

function QuadrantHeading({ quadrant }: { quadrant: QuadrantExport }) {
  const { accent } = quadrantAccent(quadrant.index);
  return (
    <>
      <View style={styles.boxHeader}>
        <Text style={[styles.boxTitle, { color: accent }]}>{quadrant.title}</Text>
        <Text style={[styles.count, { backgroundColor: accent }]}>{quadrant.notes.length}</Text>
      </View>
      <Text style={styles.prompt}>{quadrant.prompt}</Text>
    </>
  );
}

function NoteChips({ quadrant, layout }: { quadrant: QuadrantExport; layout: PersonaLayout }) {
  if (quadrant.notes.length === 0) return <Text style={styles.empty}>No notes yet.</Text>;
  return (
    <View style={styles.chips}>
      {quadrant.notes.map((note) => (
        <NoteChip key={note.id} note={note} layout={layout} />
      ))}
    </View>
  );
}

/** A poster cell: one box, stretched to its row's height. */
function QuadrantBox({ quadrant }: { quadrant: QuadrantExport }) {
  const { accent, tint } = quadrantAccent(quadrant.index);
  return (
    <View style={[styles.box, { width: boxWidth('poster'), borderTopColor: accent, backgroundColor: tint }]}>
      <QuadrantHeading quadrant={quadrant} />
      <NoteChips quadrant={quadrant} layout="poster" />
    </View>
  );
}

/**
 * A band of the flowing layout. Heading and notes are siblings, not one box, so when the
 * heading moves to the next page (it needs some notes after it) no empty box is left behind.
 */
function QuadrantBand({ quadrant }: { quadrant: QuadrantExport }) {
  const { accent, tint } = quadrantAccent(quadrant.index);
  return (
    <>
      <View style={[styles.bandHead, { borderTopColor: accent, backgroundColor: tint }]} minPresenceAhead={60}>
        <QuadrantHeading quadrant={quadrant} />
      </View>
      <View style={[styles.bandBody, { backgroundColor: tint }]}>
        <NoteChips quadrant={quadrant} layout="flow" />
      </View>
    </>
  );
}

function PosterGrid({ persona, rowMinHeights }: { persona: PersonaExport; rowMinHeights: number[] }) {
  return (
    <View style={styles.grid}>
      {rowMinHeights.map((minHeight, row) => (
        <View key={row} style={[styles.row, { minHeight }]}>
          {persona.quadrants.slice(row * 2, row * 2 + 2).map((quadrant) => (
            <QuadrantBox key={quadrant.id} quadrant={quadrant} />
          ))}
        </View>
      ))}
    </View>
  );
}

interface PersonaPageProps {
  persona: PersonaExport;
  index: number;
  total: number;
  workshopTitle: string;
}

/** One persona: a one-page poster when its notes fit, else quadrant bands flowing over pages. */
export function PersonaPage({ persona, index, total, workshopTitle }: PersonaPageProps) {
  const plan = planPersonaLayout(persona);
  const notes = `${persona.noteCount} ${persona.noteCount === 1 ? 'note' : 'notes'}`;
  const people = `${persona.authorCount} ${persona.authorCount === 1 ? 'person' : 'people'}`;
  // The evidence balance tells the team what is still to be verified with real customers.
  const evidence =
    persona.observedCount + persona.assumedCount > 0 ? `\n${persona.observedCount} observed · ${persona.assumedCount} assumed` : '';
  return (
    <Page size="A4" style={base.page} wrap {...PAGINATION}>
      {/* Page chrome first: the pagination engine repeats fixed nodes only from where they appear. */}
      <Footer title={workshopTitle} label={persona.name} />
      <View style={styles.header}>
        <View>
          <Text style={base.eyebrow}>{`Persona ${index + 1} of ${total}`}</Text>
          <Text style={styles.name}>{persona.name}</Text>
        </View>
        <Text style={styles.summary}>{`${notes}\nfrom ${people}${evidence}`}</Text>
      </View>
      {plan.layout === 'poster' ? (
        <PosterGrid persona={persona} rowMinHeights={plan.rowMinHeights} />
      ) : (
        <View>
          {persona.quadrants.map((quadrant) => (
            <QuadrantBand key={quadrant.id} quadrant={quadrant} />
          ))}
        </View>
      )}
    </Page>
  );
}
