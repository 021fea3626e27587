import { Page, StyleSheet, View } from '@react-pdf/renderer';
import type { PersonaExport } from '../exportModel';
import { Footer } from './Footer';
import { PersonaHeader, ProfileBox } from './PersonaHeader';
import { GRID_GAP, gridRows, planPersonaLayout } from './posterLayout';
import { QuadrantBand, QuadrantBox } from './QuadrantParts';
import { usePosterText } from './posterText';
import { PAGINATION, usePageStyle } from './theme';

const styles = StyleSheet.create({
  grid: { gap: GRID_GAP },
  row: { flexDirection: 'row', gap: GRID_GAP },
});

function PosterGrid({ persona, rowMinHeights }: { persona: PersonaExport; rowMinHeights: number[] }) {
  const { row: rowStyle } = usePosterText();
  return (
    <View style={styles.grid}>
      {gridRows(persona.quadrants).map((row, i) => (
        <View key={row[0]!.id} style={[styles.row, rowStyle, { minHeight: rowMinHeights[i] }]}>
          {row.map((quadrant) => (
            <QuadrantBox key={quadrant.id} quadrant={quadrant} isFullRow={row.length === 1} />
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

/**
 * One persona: its header and profile, then the empathy map: a one-page poster when it all
 * fits, else quadrant bands flowing over pages.
 */
export function PersonaPage({ persona, index, total, workshopTitle }: PersonaPageProps) {
  const plan = planPersonaLayout(persona);
  return (
    <Page size="A4" style={usePageStyle()} wrap {...PAGINATION}>
      {/* Page chrome first: the pagination engine repeats fixed nodes only from where they appear. */}
      <Footer title={workshopTitle} label={persona.name} />
      <PersonaHeader persona={persona} index={index} total={total} />
      <ProfileBox profile={persona.profile} />
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
