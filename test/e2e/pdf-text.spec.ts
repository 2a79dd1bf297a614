import { pdfPages } from '../support/pdf-text';
import { expect, test } from './host';

// Letters go to Spanish-speaking families and quote names as written: the text read back from
// Chromium's PDF must be the very characters printed, not a look-alike or a dropped accent.
test('text printed to PDF by the browser reads back with accents, ñ, em dashes and curly quotes intact', async ({ page }) => {
  const lines = [
    'Estimada señora Núñez — le escribimos sobre su traslado.',
    '¿Podría llamar al Dr. Ibáñez? “Gracias” — Jürgen Ødegård, Zoë, São Paulo',
  ];
  await page.setContent(`<!doctype html><html lang="es"><meta charset="utf-8"><body>${lines.map((line) => `<p>${line}</p>`).join('')}</body></html>`);
  const pages = await pdfPages(await page.pdf({ format: 'Letter' }));
  expect(pages).toHaveLength(1);
  const printed = pages[0]!.split('\n').map((line) => line.trim()).filter(Boolean);
  expect(printed).toEqual(lines);
});

test('each printed page comes back as its own text, in order', async ({ page }) => {
  await page.setContent(
    '<!doctype html><meta charset="utf-8"><style>p + p { break-before: page; }</style><p>Primera página</p><p>Segunda página</p><p>Tercera página</p>',
  );
  const pages = await pdfPages(await page.pdf({ format: 'A4' }));
  expect(pages.map((text) => text.trim())).toEqual(['Primera página', 'Segunda página', 'Tercera página']);
});
