import { extractTextItems, type StructuredTextItem } from 'unpdf';

/**
 * The text of each page of a PDF, read from its text layer by pdf.js (through unpdf, pure
 * JavaScript), so the tests need no poppler. Characters come through the PDF's own ToUnicode maps:
 * what a reader would copy out of the letter is what the tests see.
 *
 * Chromium writes text runs grouped by font (all bold headings, then the body), not in reading
 * order, so the runs are put back where they sit on the page: lines top to bottom, each read left
 * to right, one line per string line, as a reader sees the page.
 */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of the bytes it is given; a copy leaves the caller's Buffer intact.
  const { items } = await extractTextItems(new Uint8Array(pdf));
  return items.map(readingOrder);
}

function readingOrder(items: StructuredTextItem[]): string {
  const runs = items.filter((item) => item.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: StructuredTextItem[][] = [];
  for (const run of runs) {
    const line = lines.at(-1);
    // Runs of one line share a baseline; a bold word beside regular text may sit a fraction off it.
    if (line && line[0]!.y - run.y < Math.min(line[0]!.fontSize, run.fontSize) / 2) line.push(run);
    else lines.push([run]);
  }
  return lines.map(joinLine).join('\n');
}

function joinLine(runs: StructuredTextItem[]): string {
  let text = '';
  let end = -Infinity;
  for (const run of runs.sort((a, b) => a.x - b.x)) {
    // A gap wider than a sliver of the font size is a word space the PDF left as positioning.
    if (text && run.x - end > run.fontSize * 0.15) text += ' ';
    text += run.str;
    end = run.x + run.width;
  }
  return text.replace(/\s+/g, ' ').trim();
}
