import { useFormatter, useTranslations } from 'next-intl';
import type { Note } from '../../lib/note';
import type { Quadrant } from '../../lib/quadrants';
import { formatRoomCode } from '../../lib/roomCode';
import { currentStep, type SessionState } from '../../lib/session/state';
import type { RosterEntry } from '../../lib/wire';
import type { ConnectionStatus } from '../sync/BoardConnection';
import { ConnectionIndicator } from '../workshop/ConnectionIndicator';
import { TimerDisplay } from './TimerDisplay';

interface Props {
  title: string;
  code: string;
  joinUrl: string;
  status: ConnectionStatus;
  session: SessionState;
  clockOffsetMs: number;
  roster: RosterEntry[];
  notes: Note[];
  quadrants: readonly Quadrant[];
  personaId: string | null;
  /** The workshop language, which the step's title and prompt are written in. */
  contentLang?: string;
}

/**
 * The projector's strip over the board, in one row: the step with its mode and prompt, how
 * latecomers join, how the room is doing, the timer. Short, so the board keeps the height; the
 * workshop's title is the page's heading for screen readers (the lobby shows it large).
 */
export function StepHeader({
  title,
  code,
  joinUrl,
  status,
  session,
  clockOffsetMs,
  roster,
  notes,
  quadrants,
  personaId,
  contentLang,
}: Props) {
  const t = useTranslations('session');
  const format = useFormatter();
  const step = currentStep(session);
  const index = session.agenda.findIndex((s) => s.id === step.id);
  const online = roster.filter((entry) => entry.role === 'participant' && entry.isOnline).length;
  const personaNotes = notes.filter((note) => note.personaId === personaId);
  const modes = [
    step.isPrivate && t('privateWriting'),
    step.isAnonymous && t('anonymous'),
    session.isBoardLocked && t('boardLocked'),
  ].filter((mode): mode is string => Boolean(mode));
  return (
    <section
      aria-label={t('currentStep')}
      className="flex shrink-0 flex-wrap items-center gap-x-5 gap-y-1 rounded-xl bg-white px-4 py-1.5 shadow-sm min-[900px]:flex-nowrap 2xl:gap-x-8 2xl:py-2"
    >
      <div className="flex min-w-0 flex-1 items-baseline gap-3">
        <h1 className="sr-only">{title}</h1>
        <h2 className="shrink-0 text-2xl leading-tight font-black text-slate-950 2xl:text-4xl">
          <span className="sr-only">{t('stepOf', { number: index + 1, total: session.agenda.length })}</span>
          <span aria-hidden>{format.number(index + 1)}. </span>
          <bdi lang={contentLang}>{step.title}</bdi>
        </h2>
        {modes.length > 0 && (
          <p className="shrink-0 rounded-full bg-amber-100 px-2.5 text-sm font-semibold text-amber-950 2xl:text-lg">{modes.join(' · ')}</p>
        )}
        {step.prompt && (
          <p dir="auto" lang={contentLang} className="line-clamp-1 min-w-0 text-base text-slate-800 2xl:line-clamp-2 2xl:text-xl">
            {step.prompt}
          </p>
        )}
      </div>
      {/* The home page takes the code too: the host is enough to say where to go. */}
      <p className="flex shrink-0 flex-wrap items-baseline gap-x-2 text-sm leading-tight text-slate-700 2xl:text-lg">
        <span>
          {t.rich('joinAt', {
            host: new URL(joinUrl).host,
            b: (chunks) => <span className="font-semibold text-slate-950">{chunks}</span>,
          })}
        </span>
        <span className="font-mono text-2xl font-black tracking-wider text-slate-950 2xl:text-4xl">{formatRoomCode(code)}</span>
      </p>
      <dl className="grid shrink-0 grid-cols-3 gap-x-4 text-center leading-tight">
        <Stat label={t('joined')} value={format.number(online)} />
        <Stat label={t('doneCount')} value={format.number(session.doneParticipantIds.length)} />
        <Stat label={t('notes')} value={format.number(personaNotes.length)} />
      </dl>
      <p className="sr-only">
        {t('notesPerQuadrant', {
          list: format.list(
            quadrants.map((q) => `${q.title} ${format.number(personaNotes.filter((n) => n.quadrant === q.id).length)}`),
            { type: 'unit' },
          ),
        })}
      </p>
      <TimerDisplay timer={session.timer} clockOffsetMs={clockOffsetMs} isLarge hasChime />
      <ConnectionIndicator status={status} />
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600 2xl:text-base">{label}</dt>
      <dd className="text-xl font-bold 2xl:text-4xl">{value}</dd>
    </div>
  );
}
