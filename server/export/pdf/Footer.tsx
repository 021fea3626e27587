import { Text, View } from '@react-pdf/renderer';
import { shapingFor } from './scripts';
import { styles } from './theme';

/**
 * Repeats at the bottom of every page: the workshop, what the page shows, the page number.
 * The one place for page chrome: the pagination engine takes an absolute, dynamic node
 * elsewhere on the page out of the content's room.
 */
export function Footer({ title, label }: { title: string; label: string }) {
  return (
    <View style={styles.footer} fixed>
      <Text
        style={[styles.footerTitle, shapingFor(title, label)]}
        render={({ subPageNumber }) => `${title} · ${label}${subPageNumber > 1 ? ' (continued)' : ''}`}
      />
      <Text render={({ pageNumber }) => `Page ${pageNumber}`} />
    </View>
  );
}
