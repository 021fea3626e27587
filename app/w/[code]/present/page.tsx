import { notFound } from 'next/navigation';
import { parseRoomCode } from '../../../../lib/roomCode';
import { PresenterView } from '../../../../components/workshop/PresenterView';

export default async function PresenterPage({ params }: { params: Promise<{ code: string }> }) {
  const code = parseRoomCode((await params).code);
  if (!code) notFound();
  return <PresenterView code={code} />;
}
