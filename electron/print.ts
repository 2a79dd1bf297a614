import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { failure, type CallResult } from '../shared/call-result';
import { PRINT_CHANNEL, SAVE_PDF_CHANNEL } from '../shared/desktop-print';
import { isTrustedFrameUrl } from './ipc';

function trusted(event: IpcMainInvokeEvent): boolean {
  return isTrustedFrameUrl(event.senderFrame?.url ?? '');
}

/** Letter printing and "Save as PDF" through Chromium's print engine, page size from the letter's CSS. */
export function registerPrinting(): void {
  ipcMain.handle(PRINT_CHANNEL, (event): Promise<CallResult<null>> | CallResult<null> => {
    if (!trusted(event)) return failure('forbidden', 'This window may not print.');
    return new Promise((resolve) => {
      event.sender.print({ printBackground: true }, (success, reason) => {
        resolve(success || reason === 'cancelled' ? { ok: true, value: null } : failure('internal', `The letter could not be printed (${reason}). Check the printer and try again.`));
      });
    });
  });

  ipcMain.handle(SAVE_PDF_CHANNEL, async (event, letterId: unknown): Promise<CallResult<{ saved: boolean }>> => {
    if (!trusted(event)) return failure('forbidden', 'This window may not save files.');
    if (!Number.isInteger(letterId) || (letterId as number) <= 0) return failure('invalid_input', 'Open a letter before saving it as PDF.');
    const pdf = await event.sender.printToPDF({ printBackground: true, preferCSSPageSize: true });
    const window = BrowserWindow.fromWebContents(event.sender);
    // The suggested name carries the letter number only: patient names never go into file names.
    const options = {
      title: 'Save letter as PDF',
      defaultPath: `transfer-letter-${letterId as number}.pdf`,
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false } };
    try {
      await writeFile(choice.filePath, pdf);
    } catch (error) {
      return failure('internal', `The PDF could not be written there (${(error as NodeJS.ErrnoException).code ?? 'error'}). Choose another folder.`);
    }
    return { ok: true, value: { saved: true } };
  });
}
