import { Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { ActionItem } from '../../../lib/actions';
import type { JourneyStepExport, PersonaExport } from '../exportModel';
import { Footer } from './Footer';
import { textStyle } from './scripts';
import { FULL_SHAPING, INK, MUTED, NOTE_PAPER, PAGINATION, RULE, styles as base, usePageStyle } from './theme';

const ACCENT = '#0F766E';

const styles = StyleSheet.create({
  name: { fontSize: 22, fontWeight: 700, marginTop: 4, marginBottom: 12, fontFeatureSettings: FULL_SHAPING },
  heading: { fontSize: 11, fontWeight: 700, letterSpacing: 0.6, textTransform: 'uppercase', color: ACCENT, marginTop: 14, marginBottom: 6 },
  scenario: { fontSize: 10, lineHeight: 1.4, padding: 8, backgroundColor: '#F0FDFA', borderLeftWidth: 3, borderLeftColor: ACCENT },
  step: { flexDirection: 'row', gap: 8, marginBottom: 6 },
  stepNumber: {
    width: 18,
    height: 18,
    borderRadius: 9,
    backgroundColor: ACCENT,
    color: '#FFFFFF',
    fontSize: 9,
    fontWeight: 700,
    textAlign: 'center',
    paddingTop: 3,
  },
  stepBody: { flex: 1, borderBottomWidth: 0.75, borderBottomColor: RULE, paddingBottom: 5 },
  stepTitle: { fontSize: 10.5, fontWeight: 700 },
  note: { fontSize: 8.5, lineHeight: 1.35, marginTop: 3, paddingLeft: 5, borderLeftWidth: 2.5 },
  author: { fontSize: 7, color: '#475569' },
  question: { fontSize: 9.5, lineHeight: 1.35, marginBottom: 3 },
  empty: { fontSize: 8.5, color: MUTED },
  row: { flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: RULE, paddingVertical: 4 },
  headRow: { flexDirection: 'row', borderBottomWidth: 1.25, borderBottomColor: INK, paddingBottom: 3 },
  cellDone: { width: 34, fontSize: 9 },
  cellText: { flex: 1, fontSize: 9, lineHeight: 1.35, paddingRight: 6 },
  cellOwner: { width: 110, fontSize: 9, paddingRight: 6 },
  cellDue: { width: 68, fontSize: 9 },
  th: { fontSize: 7.5, fontWeight: 700, color: MUTED, textTransform: 'uppercase' },
});

/** Has the persona anything for this page? An empty plan gets no page. */
export const hasPlan = (persona: PersonaExport) =>
  persona.scenario !== '' || persona.journey.length > 0 || persona.questions.length > 0 || persona.actions.length > 0;

function Step({ step, index }: { step: JourneyStepExport; index: number }) {
  return (
    <View style={styles.step} wrap={step.notes.length > 4}>
      <Text style={styles.stepNumber}>{String(index + 1)}</Text>
      <View style={styles.stepBody}>
        <Text style={[styles.stepTitle, textStyle(step.title)]}>{step.title}</Text>
        {step.notes.map((note) => (
          <Text
            key={note.id}
            style={[styles.note, { borderLeftColor: NOTE_PAPER[note.color].edge }, textStyle(note.text, note.authorName)]}
          >
            {note.text}
            {(note.authorName || note.evidence) && (
              <Text style={styles.author}>{`  — ${[note.authorName, note.evidence ?? ''].filter(Boolean).join(' · ')}`}</Text>
            )}
          </Text>
        ))}
      </View>
    </View>
  );
}

function ActionTable({ actions }: { actions: ActionItem[] }) {
  if (actions.length === 0) return <Text style={styles.empty}>No actions yet.</Text>;
  return (
    <View>
      <View style={styles.headRow}>
        <Text style={[styles.cellDone, styles.th]}>Done</Text>
        <Text style={[styles.cellText, styles.th]}>Action</Text>
        <Text style={[styles.cellOwner, styles.th]}>Owner</Text>
        <Text style={[styles.cellDue, styles.th]}>Due</Text>
      </View>
      {actions.map((action) => (
        <View key={action.id} style={styles.row} wrap={false}>
          <Text style={styles.cellDone}>{action.isDone ? 'Yes' : '—'}</Text>
          <Text style={[styles.cellText, textStyle(action.text)]}>{action.text}</Text>
          <Text style={[styles.cellOwner, textStyle(action.ownerName)]}>{action.ownerName || '—'}</Text>
          <Text style={styles.cellDue}>{action.dueDate ?? '—'}</Text>
        </View>
      ))}
    </View>
  );
}

/** After a persona's poster: its scenario and journey, then what we don't know and the action plan. */
export function PlanPage({ persona, workshopTitle }: { persona: PersonaExport; workshopTitle: string }) {
  return (
    <Page size="A4" style={usePageStyle()} wrap {...PAGINATION}>
      <Footer title={workshopTitle} label={`${persona.name}: journey and action plan`} />
      <Text style={base.eyebrow}>Journey and action plan</Text>
      <Text style={[styles.name, textStyle(persona.name)]}>{persona.name}</Text>
      <Text style={styles.heading}>Buying scenario</Text>
      {persona.scenario ? (
        <Text style={[styles.scenario, textStyle(persona.scenario)]}>{persona.scenario}</Text>
      ) : (
        <Text style={styles.empty}>No scenario yet.</Text>
      )}
      <Text style={styles.heading} minPresenceAhead={40}>
        Journey
      </Text>
      {persona.journey.length === 0 && <Text style={styles.empty}>No journey steps yet.</Text>}
      {persona.journey.map((step, index) => (
        <Step key={step.id} step={step} index={index} />
      ))}
      <Text style={styles.heading} minPresenceAhead={40}>
        What we don&apos;t know
      </Text>
      {persona.questions.length === 0 && <Text style={styles.empty}>No open questions.</Text>}
      {persona.questions.map((question) => (
        <Text key={question.id} style={[styles.question, textStyle(question.text)]}>{`? ${question.text}`}</Text>
      ))}
      <Text style={styles.heading} minPresenceAhead={40}>
        Action plan
      </Text>
      <ActionTable actions={persona.actions} />
    </Page>
  );
}
