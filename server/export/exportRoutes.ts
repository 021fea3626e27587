import type { ServerResponse } from 'node:http';
import { formatRoomCode } from '../../lib/roomCode';
import type { SessionState } from '../../lib/session/state';
import { apiError, sendJson } from '../http/respond';
import type { Logger } from '../log';
import type { PictureStorePort, WorkshopRow } from '../storage/ports';
import type { Workshops } from '../Workshops';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { boardToCsv } from './csv';
import { ExportRefusedError } from './ExportGate';
import { exportBoardJson } from './exportJson';
import { buildExportModel, type ExportModel, withParticipantsWithheld } from './exportModel';
import { boardToMarkdown } from './markdown';
import type { PdfExporter } from './PdfExporter';
import { attachPosterPictures } from './posterPictures';
import { closedVoteTotals } from './voteTotals';

export const EXPORT_FORMATS = ['json', 'md', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportContext {
  workshops: Workshops;
  rooms: RoomRegistry;
  log: Logger;
  pdf: PdfExporter;
  /** Which vote round is still open (its dots stay secret until it closes). */
  sessions: { get(workshopId: string): Promise<Pick<SessionState, 'vote' | 'agenda'>> };
  pictures: PictureStorePort;
}

const CONTENT_TYPES: Record<Exclude<ExportFormat, 'json'>, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  pdf: 'application/pdf',
};

/** `workshop-ABCD-2345.pdf`: only the room code, so the header never carries user text. */
export function exportFileName(code: string, format: ExportFormat): string {
  return `workshop-${formatRoomCode(code)}.${format}`;
}

async function readModel(ctx: ExportContext, workshop: WorkshopRow): Promise<ExportModel> {
  const names = (await ctx.workshops.participants(workshop.id))
    .filter((participant) => participant.role === 'participant')
    .map((participant) => participant.name);
  const votes = await closedVoteTotals(ctx.workshops.storage.votes, ctx.sessions, workshop.id);
  const model = await ctx.rooms.readDoc(workshop.id, (doc) => buildExportModel(doc, workshop, names, { votes }));
  return hasAnonymousSteps(await ctx.sessions.get(workshop.id)) ? withParticipantsWithheld(model) : model;
}

async function renderPdf(ctx: ExportContext, workshop: WorkshopRow, res: ServerResponse): Promise<Uint8Array> {
  const startedAt = performance.now();
  try {
    const pdf = await ctx.pdf.renderFrom(async () =>
      attachPosterPictures(await readModel(ctx, workshop), ctx.pictures, workshop.id, ctx.log),
    );
    ctx.log.info({ workshopId: workshop.id, bytes: pdf.byteLength, ms: Math.round(performance.now() - startedAt) }, 'pdf exported');
    return pdf;
  } catch (error) {
    if (!(error instanceof ExportRefusedError)) throw error;
    ctx.log.warn({ workshopId: workshop.id, reason: error.message }, 'pdf export refused');
    res.setHeader('retry-after', String(error.retryAfterSeconds));
    throw apiError(503, error.key, error.values);
  }
}

/** Answers with the board in `format`, as a download. The caller has checked the facilitator key. */
export async function sendBoardExport(ctx: ExportContext, workshop: WorkshopRow, format: ExportFormat, res: ServerResponse): Promise<void> {
  const disposition = `attachment; filename="${exportFileName(workshop.code, format)}"`;
  if (format === 'json') {
    const board = await ctx.rooms.readDoc(workshop.id, (doc) => exportBoardJson(doc, workshop));
    res.setHeader('content-disposition', disposition);
    return sendJson(res, 200, board);
  }
  let body: string | Uint8Array;
  if (format === 'pdf') body = await renderPdf(ctx, workshop, res);
  else if (format === 'md') body = boardToMarkdown(await readModel(ctx, workshop));
  else body = boardToCsv(await readModel(ctx, workshop));
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[format],
    'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
    'content-disposition': disposition,
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** A step the facilitator made anonymous (and did not skip): the workshop's exports name nobody. */
function hasAnonymousSteps(session: Pick<SessionState, 'agenda'>): boolean {
  return session.agenda.some((step) => step.isAnonymous && !step.isSkipped);
}
