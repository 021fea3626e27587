import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { textDirection } from '../lib/i18n/locales';
import { clientMessages } from '../lib/i18n/messages';
import './globals.css';

// Every page is rendered per request, so Next.js can stamp its scripts with the CSP nonce
// (see server/http/securityHeaders.ts); a prerendered page would carry no nonce. The language
// is per request too (cookie, workshop, Accept-Language: i18n/request.ts).
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('productName'), description: t('productDescription') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="min-h-dvh antialiased">
        {/* Only this locale's catalog, and only the namespaces the browser formats. */}
        <NextIntlClientProvider locale={locale} messages={clientMessages(messages)}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
