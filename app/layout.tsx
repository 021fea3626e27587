import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

// Every page is rendered per request, so Next.js can stamp its scripts with the CSP nonce
// (see server/http/securityHeaders.ts); a prerendered page would carry no nonce.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Persona Workshop',
  description: 'Build customer personas together, live.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">{children}</body>
    </html>
  );
}
