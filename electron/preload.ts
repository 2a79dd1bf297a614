import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, IPC_CHANNEL, type ApiBridge } from '../shared/contract';
import { PRINT_CHANNEL, SAVE_PDF_CHANNEL, type DesktopPrintBridge } from '../shared/desktop-print';

// The page sees one function per contract call and nothing else of Electron.
const bridge = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, input)]),
) as ApiBridge;

contextBridge.exposeInMainWorld('api', bridge);

const desktop: DesktopPrintBridge = {
  printLetter: () => ipcRenderer.invoke(PRINT_CHANNEL),
  saveLetterPdf: (letterId: number) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, letterId),
};
contextBridge.exposeInMainWorld('desktop', desktop);
