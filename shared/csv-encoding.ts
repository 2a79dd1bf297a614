/**
 * Which text encoding a CSV file's bytes are in. Excel saves "CSV" as Windows-1252 on Windows and
 * "Unicode text" as UTF-16, so a file that is not valid UTF-8 is not assumed to be; read as UTF-8,
 * "Hôpital" would silently become "H�pital".
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const CSV_ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Excel “Unicode text”)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European, as Excel saves CSV on Windows)',
};

function isUtf8(bytes: Uint8Array): boolean {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    const trailing = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (trailing < 0 || at + trailing >= bytes.length) return false;
    for (let next = 1; next <= trailing; next++) if ((bytes[at + next]! & 0xc0) !== 0x80) return false;
    at += trailing + 1;
  }
  return true;
}

/** UTF-16 without a byte-order mark: text in Latin script has a zero in every other byte. */
function utf16WithoutMark(bytes: Uint8Array): CsvEncoding | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let at = 0; at < sample.length; at += 2) {
    if (sample[at] === 0) evenZeros += 1;
    if (sample[at + 1] === 0) oddZeros += 1;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

export function csvEncodingOf(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return utf16WithoutMark(bytes) ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (WHATWG Encoding Standard). Decoded here
// because Node's TextDecoder reads those bytes as Latin-1 control characters: ’ would be lost.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = new Array<number>(8192);
  for (let start = 0; start < bytes.length; start += chunk.length) {
    const end = Math.min(bytes.length, start + chunk.length);
    chunk.length = end - start;
    for (let at = start; at < end; at++) {
      const byte = bytes[at]!;
      chunk[at - start] = byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80]! : byte;
    }
    parts.push(String.fromCharCode(...chunk));
  }
  return parts.join('');
}

/**
 * A CSV file's text and the encoding it was read in. Unicode encodings are decoded by the caller's
 * TextDecoder (both the page and Node have one), which also drops a byte-order mark.
 */
export function decodeCsvFile(
  bytes: Uint8Array,
  decodeUnicode: (bytes: Uint8Array, encoding: Exclude<CsvEncoding, 'windows-1252'>) => string,
): { text: string; encoding: CsvEncoding } {
  const encoding = csvEncodingOf(bytes);
  return { text: encoding === 'windows-1252' ? decodeWindows1252(bytes) : decodeUnicode(bytes, encoding), encoding };
}
