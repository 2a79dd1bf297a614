/**
 * Print, and in the desktop app "Save as PDF", for whatever letter-sheet the page shows. The page's
 * print stylesheet leaves only the sheet, at the paper size the letter names.
 */
export function LetterPrintActions({ letterId, onError, onSaved }: { letterId?: number; onError(message: string): void; onSaved(): void }) {
  async function print() {
    if (!window.desktop) {
      window.print();
      return;
    }
    const result = await window.desktop.printLetter();
    if (!result.ok) onError(result.error.message);
  }

  async function savePdf(id: number) {
    const result = await window.desktop!.saveLetterPdf(id);
    if (!result.ok) onError(result.error.message);
    else if (result.value.saved) onSaved();
  }

  return (
    <>
      <button type="button" className="button" onClick={() => void print()}>
        Print
      </button>
      {window.desktop && letterId !== undefined && (
        <button type="button" className="button" onClick={() => void savePdf(letterId)}>
          Save as PDF
        </button>
      )}
    </>
  );
}
