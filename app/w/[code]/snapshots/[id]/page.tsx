import { notFound } from 'next/navigation';
import { ID_PATTERN } from '../../../../../lib/ids';
import { parseRoomCode } from '../../../../../lib/roomCode';
import { SnapshotView } from '../../../../../components/workshop/SnapshotView';

export default async function SnapshotPage({ params }: { params: Promise<{ code: string; id: string }> }) {
  const { code: rawCode, id } = await params;
  const code = parseRoomCode(rawCode);
  if (!code || !ID_PATTERN.test(id)) notFound();
  return <SnapshotView code={code} snapshotId={id} />;
}
