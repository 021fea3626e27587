import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WORKSHOP_LOCALE_HEADER } from '../../lib/i18n/header';
import type { Locale } from '../../lib/i18n/locales';
import { markWorkshopLocale } from '../../server/i18n/workshopLocale';

const request = (headers: Record<string, string> = {}) => ({ headers: { ...headers } }) as unknown as IncomingMessage;
const lookups: string[] = [];
const localeOf = async (code: string): Promise<Locale | null> => (lookups.push(code), code === 'ABCD2345' ? 'de' : null);

describe('the projector page is told its workshop language', () => {
  it('sets the header on a presenter page of a known workshop (any code spelling)', async () => {
    for (const path of ['/w/ABCD2345/present', '/w/abcd-2345/present', '/w/ABCD2345/present/']) {
      const req = request();
      await markWorkshopLocale(req, path, localeOf);
      expect(req.headers[WORKSHOP_LOCALE_HEADER], path).toBe('de');
    }
  });

  it('strips a header a browser sent, everywhere, and looks nothing up off the presenter page', async () => {
    lookups.length = 0;
    for (const path of ['/', '/w/ABCD2345', '/join/ABCD2345', '/w/ZZZZZZZZ/present', '/w/not-a-code!/present']) {
      const req = request({ [WORKSHOP_LOCALE_HEADER]: 'ar' });
      await markWorkshopLocale(req, path, localeOf);
      expect(req.headers[WORKSHOP_LOCALE_HEADER], path).toBeUndefined();
    }
    expect(lookups).toEqual(['ZZZZZZZZ']);
  });
});
