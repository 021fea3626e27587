import { Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { ActionItem } from '../../../lib/actions';
import type { JourneyStepExport, PersonaExport } from '../exportModel';
import { formatDueDate } from '../exportTexts';
import { Footer } from './Footer';
import { usePosterText } from './posterText';
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
  // Wide enough for the longest translated header (German ERLEDIGT, French FAIT…) at 7.5 pt caps.
  cellDone: { width: 52, fontSize: 9, paddingRight: 4 },
  cellText: { flex: 1, fontSize: 9, lineHeight: 1.35, paddingRight: 6 },
  cellOwner: { width: 110, fontSize: 9, paddingRight: 6 },
  cellDue: { width: 68, fontSize: 9 },
  th: { fontSize: 7.5, fontWeight: 700, color: MUTED, textTransform: 'uppercase' },
});

/** Has the persona anything for this page? An empty plan gets no page. */
export const hasPlan = (persona: PersonaExport) =>
  persona.scenario !== '' || persona.journey.length > 0 || persona.questions.length > 0 || persona.actions.length > 0;

function Step({ step, index }: { step: JourneyStepExport; index: number }) {
  const { t, locale, row } = usePosterText();
  return (
    <View style={[styles.step, row]} wrap={step.notes.length > 4}>
      <Text style={styles.stepNumber}>{new Intl.NumberFormat(locale).format(index + 1)}</Text>
      <View style={styles.stepBody}>
        <Text style={[styles.stepTitle, textStyle(step.title)]}>{step.title}</Text>
        {step.notes.map((note) => (
          <Text
            key={note.id}
            style={[styles.note, { borderLeftColor: NOTE_PAPER[note.color].edge }, textStyle(note.text, note.authorName)]}
          >
            {note.text}
            {(note.authorName || note.evidence) && (
              <Text
                style={styles.author}
              >{`  — ${[note.authorName, note.evidence ? t(note.evidence) : ''].filter(Boolean).join(' · ')}`}</Text>
            )}
          </Text>
        ))}
      </View>
    </View>
  );
}

function ActionTable({ actions }: { actions: ActionItem[] }) {
  const { t, locale, row, label } = usePosterText();
  if (actions.length === 0) return <Text style={[styles.empty, label(t('noActionsYet'))]}>{t('noActionsYet')}</Text>;
  const th = (style: (typeof styles)[keyof typeof styles], text: string) => <Text style={[style, styles.th, label(text)]}>{text}</Text>;
  return (
    <View>
      <View style={[styles.headRow, row]}>
        {th(styles.cellDone, t('done'))}
        {th(styles.cellText, t('action'))}
        {th(styles.cellOwner, t('owner'))}
        {th(styles.cellDue, t('due'))}
      </View>
      {actions.map((action) => (
        <View key={action.id} style={[styles.row, row]} wrap={false}>
          <Text style={[styles.cellDone, label(t('yes'))]}>{action.isDone ? t('yes') : '—'}</Text>
          <Text style={[styles.cellText, textStyle(action.text)]}>{action.text}</Text>
          <Text style={[styles.cellOwner, label(), textStyle(action.ownerName)]}>{action.ownerName || '—'}</Text>
          <Text style={[styles.cellDue, label()]}>{action.dueDate ? formatDueDate(action.dueDate, locale) : '—'}</Text>
        </View>
      ))}
    </View>
  );
}

/** After a persona's poster: its scenario and journey, then what we don't know and the action plan. */
export function PlanPage({ persona, workshopTitle }: { persona: PersonaExport; workshopTitle: string }) {
  const { t, label } = usePosterText();
  const heading = (text: string) => (
    <Text style={[styles.heading, label(text)]} minPresenceAhead={40}>
      {text}
    </Text>
  );
  const empty = (text: string) => <Text style={[styles.empty, label(text)]}>{text}</Text>;
  return (
    <Page size="A4" style={usePageStyle()} wrap {...PAGINATION}>
      <Footer title={workshopTitle} label={t('planFooter', { name: persona.name })} />
      <Text style={[base.eyebrow, label(t('journeyAndPlan'))]}>{t('journeyAndPlan')}</Text>
      <Text style={[styles.name, label(), textStyle(persona.name)]}>{persona.name}</Text>
      <Text style={[styles.heading, label(t('buyingScenario'))]}>{t('buyingScenario')}</Text>
      {persona.scenario ? (
        <Text style={[styles.scenario, textStyle(persona.scenario)]}>{persona.scenario}</Text>
      ) : (
        empty(t('noScenarioYet'))
      )}
      {heading(t('journey'))}
      {persona.journey.length === 0 && empty(t('noJourneyStepsYet'))}
      {persona.journey.map((step, index) => (
        <Step key={step.id} step={step} index={index} />
      ))}
      {heading(t('whatWeDontKnow'))}
      {persona.questions.length === 0 && empty(t('noOpenQuestions'))}
      {persona.questions.map((question) => (
        <Text key={question.id} style={[styles.question, textStyle(question.text)]}>{`? ${question.text}`}</Text>
      ))}
      {heading(t('actionPlan'))}
      <ActionTable actions={persona.actions} />
    </Page>
  );
}
