'use client';

import { useTranslations } from 'next-intl';
import { formatRoomCode } from '../../lib/roomCode';
import type { RosterEntry } from '../../lib/wire';
import { QrCode } from '../session/QrCode';
import type { ConnectionStatus } from '../sync/BoardConnection';
import { ConnectionIndicator } from '../workshop/ConnectionIndicator';
import { FitText } from './FitText';
import { LobbyRoster } from './LobbyRoster';
import { useElementSize } from './useElementSize';
import { useViewportScale } from './useViewportScale';

interface Props {
  title: string;
  code: string;
  joinUrl: string;
  status: ConnectionStatus;
  roster: RosterEntry[];
  isLobbyLocked: boolean;
  onRemove?(participantId: string): void;
}

/**
 * The lobby as the back row sees it: a QR code most of the screen tall, the room code and the
 * join URL each on one line as large as they fit, and the roster filling the rest. The board
 * stays out of the way until the first step.
 */
export function LobbyScreen({ title, code, joinUrl, status, roster, isLobbyLocked, onRemove }: Props) {
  const t = useTranslations('presenter');
  const scale = useViewportScale();
  const [qrBoxRef, qrBox] = useElementSize<HTMLDivElement>();
  const [captionRef, caption] = useElementSize<HTMLParagraphElement>();
  // The caption and the code sit together in the middle of the column, the code as big as fits.
  const qrSize = qrBox && caption ? Math.floor(Math.min(qrBox.width, qrBox.height - caption.height - 12)) : 0;
  return (
    <section aria-label={t('lobby')} className="flex min-h-0 flex-1 flex-col gap-3 min-[900px]:flex-row 2xl:gap-4">
      <div
        ref={qrBoxRef}
        className="flex h-[95vw] w-full shrink-0 flex-col items-center justify-center gap-3 rounded-2xl bg-white p-3 shadow-sm min-[900px]:h-auto min-[900px]:w-[min(44%,58dvh)]"
      >
        <p ref={captionRef} className="shrink-0 text-2xl font-bold text-slate-950 2xl:text-4xl">
          {t('scanToJoin')}
        </p>
        {qrSize > 0 && <QrCode text={joinUrl} size={qrSize} />}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-3 rounded-2xl bg-white px-6 py-4 shadow-sm 2xl:gap-5 2xl:px-8 2xl:py-6">
        <div className="flex shrink-0 items-start gap-4">
          <h1 dir="auto" className="min-w-0 flex-1 text-2xl font-bold text-slate-950 2xl:text-4xl">
            {title}
          </h1>
          <ConnectionIndicator status={status} />
        </div>
        <div className="shrink-0">
          <p className="text-lg font-medium text-slate-600 2xl:text-2xl">{t('roomCode')}</p>
          <FitText
            text={formatRoomCode(code)}
            maxPx={Math.round(150 * scale)}
            className="font-mono font-black tracking-wider text-slate-950"
          />
        </div>
        <div className="shrink-0">
          <p className="text-lg font-medium text-slate-600 2xl:text-2xl">{t('scanOrGoTo')}</p>
          <FitText text={joinUrl} maxPx={Math.round(48 * scale)} className="font-bold text-slate-950" />
        </div>
        {isLobbyLocked && <p className="shrink-0 text-xl font-semibold text-amber-800 2xl:text-2xl">{t('lobbyClosed')}</p>}
        <LobbyRoster roster={roster} maxFontPx={Math.round(28 * scale)} onRemove={onRemove} />
      </div>
    </section>
  );
}
