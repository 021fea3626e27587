import { Text, View } from '@react-pdf/renderer';
import { usePosterText } from './posterText';
import { styles } from './theme';

/**
 * Repeats at the bottom of every page: the workshop, what the page shows, the page number.
 * The one place for page chrome: the pagination engine takes an absolute, dynamic node
 * elsewhere on the page out of the content's room.
 */
export function Footer({ title, label }: { title: string; label: string }) {
  const { t, row, label: labelStyle } = usePosterText();
  const continued = t('continued');
  return (
    <View style={[styles.footer, row]} fixed>
      <Text
        style={[styles.footerTitle, labelStyle(title, label, continued)]}
        render={({ subPageNumber }) => `${title} · ${label}${subPageNumber > 1 ? ` ${continued}` : ''}`}
      />
      <Text style={labelStyle(continued)} render={({ pageNumber }) => t('page', { number: pageNumber })} />
    </View>
  );
}
