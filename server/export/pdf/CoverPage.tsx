import { Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { formatRoomCode } from '../../../lib/roomCode';
import { formatExportDate, type ExportModel } from '../exportModel';
import { Footer } from './Footer';
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
  personaName: { fontSize: 12, fontWeight: 700, maxWidth: 400 },
  personaCount: { fontSize: 10, color: MUTED },
  names: { flexDirection: 'row', flexWrap: 'wrap', gap: 6 },
  name: { fontSize: 9.5, backgroundColor: '#F1F5F9', borderRadius: 10, paddingVertical: 3, paddingHorizontal: 9 },
  none: { fontSize: 9.5, color: MUTED },
});

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <View style={styles.stat}>
      <Text style={styles.statValue}>{value}</Text>
      <Text style={styles.statLabel}>{label}</Text>
    </View>
  );
}

export function CoverPage({ model }: { model: ExportModel }) {
  const noteCount = model.personas.reduce((sum, persona) => sum + persona.noteCount, 0);
  const participantCount = model.participants.length + model.withheldParticipants;
  return (
    <Page size="A4" style={usePageStyle()} wrap {...PAGINATION}>
      {/* Page chrome first: the pagination engine repeats fixed nodes only from where they appear. */}
      <Footer title={model.title} label="Cover" />
      <View style={styles.stripe}>
        {model.quadrants.map((quadrant, index) => (
          <View key={quadrant.id} style={[styles.stripePart, { backgroundColor: quadrantAccent(index).accent }]} />
        ))}
      </View>
      <Text style={base.eyebrow}>Persona workshop</Text>
      <Text style={[styles.title, textStyle(model.title)]}>{model.title}</Text>
      <Text style={styles.subtitle}>
        {`${formatExportDate(model.workshopDate)}  ·  Room code ${formatRoomCode(model.code)}  ·  Exported ${formatExportDate(model.exportedAt)}`}
      </Text>
      <View style={styles.stats}>
        <Stat value={model.personas.length} label={model.personas.length === 1 ? 'persona' : 'personas'} />
        <Stat value={noteCount} label={noteCount === 1 ? 'note' : 'notes'} />
        <Stat value={participantCount} label={participantCount === 1 ? 'participant' : 'participants'} />
      </View>
      <View style={styles.section}>
        <Text style={[base.eyebrow, styles.heading]}>Personas</Text>
        {model.personas.map((persona) => (
          <View key={persona.id} style={styles.personaRow} wrap={false}>
            <Text style={[styles.personaName, textStyle(persona.name)]}>{persona.name}</Text>
            <Text style={styles.personaCount}>{`${persona.noteCount} ${persona.noteCount === 1 ? 'note' : 'notes'}`}</Text>
          </View>
        ))}
      </View>
      {/* The last section has no bottom margin: on a full cover it would spill onto a blank page. */}
      <View>
        <Text style={[base.eyebrow, styles.heading]} minPresenceAhead={24}>
          Participants
        </Text>
        {model.withheldParticipants > 0 ? (
          <Text style={styles.none}>
            {`${model.withheldParticipants} took part. Their names are left out: this workshop had anonymous steps.`}
          </Text>
        ) : model.participants.length === 0 ? (
          <Text style={styles.none}>Nobody joined as a participant.</Text>
        ) : (
          <View style={styles.names}>
            {model.participants.map((name, index) => (
              <Text key={index} style={[styles.name, textStyle(name)]}>
                {name}
              </Text>
            ))}
          </View>
        )}
      </View>
    </Page>
  );
}
