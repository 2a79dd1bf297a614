import type { CallResult } from './call-result';

/** Printing lives outside the core: only the desktop host has a print engine to drive. */
export const PRINT_CHANNEL = 'transferready:print-letter';
export const SAVE_PDF_CHANNEL = 'transferready:save-letter-pdf';

export interface DesktopPrintBridge {
  printLetter(): Promise<CallResult<null>>;
  saveLetterPdf(letterId: number): Promise<CallResult<{ saved: boolean }>>;
}
