import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="mx-auto flex max-w-md flex-col gap-4 p-8">
      <h1 className="text-2xl font-bold">{t('heading')}</h1>
      <p className="text-lg">{t('body')}</p>
      <Link href="/" className="btn-primary self-start">
        {t('link')}
      </Link>
    </main>
  );
}
