import { Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { formatRoomCode } from '../../../lib/roomCode';
import type { ExportModel } from '../exportModel';
import { formatExportDate } from '../exportTexts';
import { Footer } from './Footer';
import { usePosterText } from './posterText';
import { textStyle } from './scripts';
import { FULL_SHAPING, MUTED, PAGINATION, quadrantAccent, RULE, styles as base, usePageStyle } from './theme';

const styles = StyleSheet.create({
  stripe: { flexDirection: 'row', height: 8, marginBottom: 56 },
  stripePart: { flexGrow: 1 },
  title: { fontSize: 34, fontWeight: 700, lineHeight: 1.2, marginTop: 10, fontFeatureSettings: FULL_SHAPING },
  subtitle: { fontSize: 12, color: MUTED, marginTop: 10 },
  stats: { flexDirection: 'row', gap: 12, marginTop: 36, marginBottom: 36 },
  stat: { flexGrow: 1, flexBasis: 0, borderWidth: 1, borderColor: RULE, borderRadius: 6, padding: 14 },
  statValue: { fontSize: 26, fontWeight: 700 },
  statLabel: { fontSize: 9, color: MUTED, marginTop: 2 },
  section: { marginBottom: 28 },
  heading: { marginBottom: 10 },
  personaRow: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderBottomWidth: 0.75,
    borderBottomColor: RULE,
    paddingVertical: 7,
  },
  // A basis of 0: react-pdf misplaces right-to-left text in a row unless its box has a definite width.
  personaName: { flexGrow: 1, flexShrink: 1, flexBasis: 0, fontSize: 12, fontWeight: 700, maxWidth: 400 },
  personaCount: { fontSize: 10, color: MUTED },
  names: { flexDirection: 'row', flexWrap: 'wrap', gap: 6 },
  name: { fontSize: 9.5, backgroundColor: '#F1F5F9', borderRadius: 10, paddingVertical: 3, paddingHorizontal: 9 },
  none: { fontSize: 9.5, color: MUTED },
});

function Stat({ value, label }: { value: number; label: string }) {
  const { locale, label: labelStyle } = usePosterText();
  return (
    <View style={styles.stat}>
      <Text style={[styles.statValue, labelStyle()]}>{new Intl.NumberFormat(locale).format(value)}</Text>
      <Text style={[styles.statLabel, labelStyle(label)]}>{label}</Text>
    </View>
  );
}

/** Who took part: named, counted when the workshop had anonymous steps, or nobody. */
function Participants({ model }: { model: ExportModel }) {
  const { t, row, label } = usePosterText();
  if (model.withheldParticipants > 0) {
    const text = t('withheld', { count: model.withheldParticipants });
    return <Text style={[styles.none, label(text)]}>{text}</Text>;
  }
  if (model.participants.length === 0) return <Text style={[styles.none, label(t('nobody'))]}>{t('nobody')}</Text>;
  return (
    <View style={[styles.names, row]}>
      {model.participants.map((name, index) => (
        <Text key={index} style={[styles.name, textStyle(name)]}>
          {name}
        </Text>
      ))}
    </View>
  );
}

export function CoverPage({ model }: { model: ExportModel }) {
  const { t, row, label } = usePosterText();
  const date = (ms: number) => formatExportDate(ms, model.locale);
  const coverLine = t('coverLine', {
    workshopDate: date(model.workshopDate),
    code: formatRoomCode(model.code),
    exportedAt: date(model.exportedAt),
  });
  const noteCount = model.personas.reduce((sum, persona) => sum + persona.noteCount, 0);
  const participantCount = model.participants.length + model.withheldParticipants;
  return (
    <Page size="A4" style={usePageStyle()} wrap {...PAGINATION}>
      {/* Page chrome first: the pagination engine repeats fixed nodes only from where they appear. */}
      <Footer title={model.title} label={t('cover')} />
      <View style={[styles.stripe, row]}>
        {model.quadrants.map((quadrant, index) => (
          <View key={quadrant.id} style={[styles.stripePart, { backgroundColor: quadrantAccent(index).accent }]} />
        ))}
      </View>
      <Text style={[base.eyebrow, label(t('eyebrow'))]}>{t('eyebrow')}</Text>
      <Text style={[styles.title, label(), textStyle(model.title)]}>{model.title}</Text>
      <Text style={[styles.subtitle, label(coverLine)]}>{coverLine}</Text>
      <View style={[styles.stats, row]}>
        <Stat value={model.personas.length} label={t('personasStat', { count: model.personas.length })} />
        <Stat value={noteCount} label={t('notesStat', { count: noteCount })} />
        <Stat value={participantCount} label={t('participantsStat', { count: participantCount })} />
      </View>
      <View style={styles.section}>
        <Text style={[base.eyebrow, styles.heading, label(t('personasHeading'))]}>{t('personasHeading')}</Text>
        {model.personas.map((persona) => (
          <View key={persona.id} style={[styles.personaRow, row]} wrap={false}>
            <Text style={[styles.personaName, label(), textStyle(persona.name)]}>{persona.name}</Text>
            <Text style={[styles.personaCount, label()]}>{t('noteCount', { count: persona.noteCount })}</Text>
          </View>
        ))}
      </View>
      {/* The last section has no bottom margin: on a full cover it would spill onto a blank page. */}
      <View>
        <Text style={[base.eyebrow, styles.heading, label(t('participantsHeading'))]} minPresenceAhead={24}>
          {t('participantsHeading')}
        </Text>
        <Participants model={model} />
      </View>
    </Page>
  );
}
