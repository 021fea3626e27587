import { Image, StyleSheet, Text, View } from '@react-pdf/renderer';
import { personaInitials } from '../../../lib/profile';
import type { PersonaExport, ProfileFieldExport } from '../exportModel';
import { fieldSpan, fieldWidth, GRID_GAP, HEADER, PROFILE, profileRows, UNSPLITTABLE_FIELD_CHARS } from './posterLayout';
import { usePosterText } from './posterText';
import { directionOf, textStyle } from './scripts';
import { avatarColor, EVIDENCE_COLORS, FULL_SHAPING, INK, MUTED, RULE, styles as base } from './theme';

const PORTRAIT = { width: HEADER.portrait, height: HEADER.portrait, borderRadius: HEADER.portrait / 2 };

const styles = StyleSheet.create({
  header: { flexDirection: 'row', alignItems: 'center', gap: HEADER.gap, marginBottom: 12 },
  portrait: { ...PORTRAIT, objectFit: 'cover' },
  avatar: { ...PORTRAIT, alignItems: 'center', justifyContent: 'center' },
  initials: { fontSize: 28, fontWeight: 700, color: '#FFFFFF', fontFeatureSettings: FULL_SHAPING },
  identity: { flex: 1 },
  name: { fontSize: HEADER.nameSize, fontWeight: 700, lineHeight: HEADER.nameLineHeight, marginTop: 3, fontFeatureSettings: FULL_SHAPING },
  quote: {
    fontSize: HEADER.quoteSize,
    lineHeight: HEADER.quoteLineHeight,
    color: '#334155',
    marginTop: 7,
  },
  quoteLtr: { paddingLeft: 8, borderLeftWidth: 2, borderLeftColor: RULE },
  quoteRtl: { paddingRight: 8, borderRightWidth: 2, borderRightColor: RULE },
  summary: { width: HEADER.summaryWidth, gap: 4 },
  stat: { fontSize: 8.5, color: INK },
  statMuted: { fontSize: 7.5, color: MUTED },
  balance: { flexDirection: 'row', height: 6, borderRadius: 3, backgroundColor: EVIDENCE_COLORS.unlabelled, marginTop: 2 },
  legend: { flexDirection: 'row', flexWrap: 'wrap', columnGap: 6, rowGap: 1 },
  legendItem: { fontSize: 6.5, color: MUTED },
  profile: {
    backgroundColor: '#F8FAFC',
    borderWidth: 0.75,
    borderColor: RULE,
    borderRadius: 6,
    padding: PROFILE.padding,
    marginBottom: GRID_GAP,
  },
  profileHeading: { marginBottom: 6 },
  fields: { gap: PROFILE.rowGap },
  fieldRow: { flexDirection: 'row', gap: PROFILE.columnGap },
  label: { fontSize: PROFILE.labelSize, fontWeight: 700, letterSpacing: 0.5, color: MUTED, textTransform: 'uppercase', marginBottom: 2 },
  value: { fontSize: PROFILE.valueSize, lineHeight: PROFILE.valueLineHeight, color: INK },
});

/** The uploaded picture, or the avatar people saw on the board: initials on the persona's colour. */
function Portrait({ persona }: { persona: PersonaExport }) {
  if (persona.picture) return <Image style={styles.portrait} src={Buffer.from(persona.picture)} />;
  return (
    <View style={[styles.avatar, { backgroundColor: avatarColor(persona.id) }]}>
      <Text style={styles.initials}>{personaInitials(persona.name)}</Text>
    </View>
  );
}

/** Notes, who wrote them, and the evidence balance: what the team still has to go and verify. */
function Summary({ persona }: { persona: PersonaExport }) {
  const { t, row, label } = usePosterText();
  const total = persona.noteCount;
  const unlabelled = total - persona.observedCount - persona.assumedCount;
  const share = (count: number) => `${total > 0 ? (100 * count) / total : 0}%`;
  const authors = [
    persona.authorCount > 0 ? t('fromPeople', { count: persona.authorCount }) : '',
    persona.anonymousCount > 0 ? t('anonymousCount', { count: persona.anonymousCount }) : '',
  ].filter((part) => part !== '');
  const legend = (text: string, color?: string) => <Text style={[styles.legendItem, color ? { color } : {}, label(text)]}>{text}</Text>;
  return (
    <View style={styles.summary}>
      <Text style={[styles.stat, label()]}>{t('noteCount', { count: total })}</Text>
      {authors.length > 0 && <Text style={[styles.statMuted, label(...authors)]}>{authors.join(', ')}</Text>}
      {total > 0 && (
        <>
          <View style={[styles.balance, row]}>
            {persona.observedCount > 0 && (
              <View style={{ width: share(persona.observedCount), backgroundColor: EVIDENCE_COLORS.observed }} />
            )}
            {persona.assumedCount > 0 && <View style={{ width: share(persona.assumedCount), backgroundColor: EVIDENCE_COLORS.assumed }} />}
          </View>
          <View style={[styles.legend, row]}>
            {legend(t('observedCount', { count: persona.observedCount }), EVIDENCE_COLORS.observed)}
            {legend(t('assumedCount', { count: persona.assumedCount }), EVIDENCE_COLORS.assumed)}
            {unlabelled > 0 && legend(t('unlabelledCount', { count: unlabelled }))}
          </View>
        </>
      )}
    </View>
  );
}

/** The persona in their own words, with a rule on the side the text starts from. */
function Quote({ text }: { text: string }) {
  const rule = directionOf(text) === 'rtl' ? styles.quoteRtl : styles.quoteLtr;
  return <Text style={[styles.quote, rule, textStyle(text)]}>{`“${text}”`}</Text>;
}

interface HeaderProps {
  persona: PersonaExport;
  index: number;
  total: number;
}

/** The top of the poster: who this persona is, in their own words, and how well we know them. */
export function PersonaHeader({ persona, index, total }: HeaderProps) {
  const { t, row, label } = usePosterText();
  const eyebrow = t('personaOf', { number: index + 1, total });
  return (
    <View style={[styles.header, row]}>
      <Portrait persona={persona} />
      <View style={styles.identity}>
        <Text style={[base.eyebrow, label(eyebrow)]}>{eyebrow}</Text>
        <Text style={[styles.name, label(), textStyle(persona.name)]}>{persona.name}</Text>
        {persona.quote !== '' && <Quote text={persona.quote} />}
      </View>
      <Summary persona={persona} />
    </View>
  );
}

function ProfileField({ field }: { field: ProfileFieldExport }) {
  const { label } = usePosterText();
  return (
    <View style={{ width: fieldWidth(fieldSpan(field)) }} wrap={field.value.length > UNSPLITTABLE_FIELD_CHARS}>
      <Text style={[styles.label, label(), textStyle(field.label)]}>{field.label}</Text>
      <Text style={[styles.value, label(), textStyle(field.value)]}>{field.value}</Text>
    </View>
  );
}

/** The filled-in profile fields, in columns; long text flows on, over the page if it must. */
export function ProfileBox({ profile }: { profile: ProfileFieldExport[] }) {
  const { t, row: rowStyle, label } = usePosterText();
  if (profile.length === 0) return null;
  return (
    <View style={styles.profile}>
      <Text style={[base.eyebrow, styles.profileHeading, label(t('profile'))]} minPresenceAhead={30}>
        {t('profile')}
      </Text>
      <View style={styles.fields}>
        {profileRows(profile).map((row) => (
          <View key={row[0]!.key} style={[styles.fieldRow, rowStyle]}>
            {row.map((field) => (
              <ProfileField key={field.key} field={field} />
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
