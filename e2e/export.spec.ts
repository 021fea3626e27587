import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR } from './artifacts';
import { addNote, expect, leaveLobby, test, togglePanel } from './fixtures';

const PDF_DIR = path.resolve(ARTIFACTS_DIR, '..', 'pdf');

test.describe('export from the presenter view', () => {
  test('the facilitator downloads the persona poster PDF mid-session, with every note in it', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Zoë');
    const notes = ['Drives in from Łódź every Friday', 'Reads reviews in 東京 travel blogs', 'Москва office wants invoices'];
    for (const [i, text] of notes.entries()) await addNote(ana, ['Sees', 'Hears', 'Pains'][i]!, text);

    await togglePanel(presenter, 'Export');
    const downloading = presenter.waitForEvent('download');
    await presenter.getByRole('button', { name: 'Export PDF' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^workshop-[0-9A-Z]{4}-[0-9A-Z]{4}\.pdf$/);
    mkdirSync(PDF_DIR, { recursive: true });
    const file = path.join(PDF_DIR, 'poster.pdf');
    await download.saveAs(file);

    // Notes wrap inside their chips, so compare without whitespace.
    const squash = (value: string) => value.replace(/\s+/g, '');
    const text = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    for (const note of notes) expect(text).toContain(squash(note));
    expect(text).toContain('Zoë');
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(PDF_DIR, 'page')]);
  });
});
