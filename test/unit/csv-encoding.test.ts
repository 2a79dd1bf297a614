import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvEncodingOf, decodeCsvFile } from '../../shared/csv-encoding';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);
const windows1252 = (text: string) => Uint8Array.from([...text].map((character) => ({ é: 0xe9, ô: 0xf4, ñ: 0xf1, '’': 0x92 })[character] ?? character.charCodeAt(0)));
const utf16le = (text: string) => Uint8Array.from([...text].flatMap((character) => [character.charCodeAt(0) & 0xff, character.charCodeAt(0) >> 8]));

describe('the encoding of a CSV file', () => {
  it('follows a byte-order mark', () => {
    expect(csvEncodingOf(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8');
    expect(csvEncodingOf(bytes(0xff, 0xfe, 0x41, 0x00))).toBe('utf-16le');
    expect(csvEncodingOf(bytes(0xfe, 0xff, 0x00, 0x41))).toBe('utf-16be');
  });

  it('reads valid UTF-8 as UTF-8, accents and all', () => {
    expect(csvEncodingOf(utf8('Name,City\nHôpital Saint-Jean,Montréal\n'))).toBe('utf-8');
    expect(csvEncodingOf(utf8('name\n病院 🏥\n'))).toBe('utf-8');
    expect(csvEncodingOf(new Uint8Array())).toBe('utf-8');
  });

  it('takes bytes that are not UTF-8 as Windows-1252, which is how Excel saves CSV on Windows', () => {
    expect(csvEncodingOf(windows1252('Name,City\nHôpital Saint-Jean,Montréal\n'))).toBe('windows-1252');
    expect(csvEncodingOf(windows1252('Name\nSt. Mary’s\n'))).toBe('windows-1252');
    // A lead byte cut off at the end of the file is not UTF-8 either.
    expect(csvEncodingOf(bytes(0x41, 0xc3))).toBe('windows-1252');
  });

  it('recognises UTF-16 without a byte-order mark by its zero bytes', () => {
    expect(csvEncodingOf(utf16le('Hospital\tCity\r\nHarbor General\tPortland\r\n'))).toBe('utf-16le');
  });

  it('never calls text that TextEncoder wrote anything but UTF-8', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
      fc.pre(!text.includes('\u0000'));
      return csvEncodingOf(utf8(text)) === 'utf-8';
    }));
  });
});

describe('decoding a CSV file', () => {
  const unicode = (data: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be') => new TextDecoder(encoding).decode(data);

  it('decodes Windows-1252 by the standard table, curly quotes and euro sign included', () => {
    expect(decodeCsvFile(bytes(0x53, 0x74, 0x2e, 0x20, 0x4d, 0x61, 0x72, 0x79, 0x92, 0x73, 0x20, 0x80, 0xe9), unicode)).toEqual({
      text: 'St. Mary’s €é',
      encoding: 'windows-1252',
    });
  });

  it('decodes every Latin-1 letter the same way whatever the length of the file', () => {
    const long = Uint8Array.from({ length: 20_000 }, (_, index) => 0xa0 + (index % 0x60));
    const { text } = decodeCsvFile(long, unicode);
    expect(text).toHaveLength(20_000);
    expect(text.charCodeAt(19_999)).toBe(0xa0 + (19_999 % 0x60));
  });

  it('hands Unicode to the TextDecoder, which drops the byte-order mark', () => {
    expect(decodeCsvFile(bytes(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00), unicode)).toEqual({ text: 'Aé', encoding: 'utf-16le' });
    expect(decodeCsvFile(utf8('\uFEFFName'), unicode)).toEqual({ text: 'Name', encoding: 'utf-8' });
  });
});
