import { notFound } from 'next/navigation';
import { parseRoomCode } from '../../../lib/roomCode';
import { ParticipantView } from '../../../components/workshop/ParticipantView';

export default async function ParticipantPage({ params }: { params: Promise<{ code: string }> }) {
  const code = parseRoomCode((await params).code);
  if (!code) notFound();
  return <ParticipantView code={code} />;
}
