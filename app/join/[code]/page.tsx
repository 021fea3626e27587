import { notFound } from 'next/navigation';
import { parseRoomCode } from '../../../lib/roomCode';
import { HomeView } from '../../../components/workshop/HomeView';

/** Deep link from the QR code: the join form with the code filled in. */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const code = parseRoomCode((await params).code);
  if (!code) notFound();
  return <HomeView initialCode={code} />;
}
