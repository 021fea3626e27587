import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="mx-auto flex max-w-md flex-col gap-4 p-8">
      <h1 className="text-2xl font-bold">{t('heading')}</h1>
      <p className="text-lg">{t('body')}</p>
      {/* A plain link: next/link would be a 3 kB chunk on every page (each page loads this boundary). */}
      <a href="/" className="btn-primary self-start">
        {t('link')}
      </a>
    </main>
  );
}
