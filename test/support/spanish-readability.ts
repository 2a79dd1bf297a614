/**
 * Readability of Spanish text, for the family letters: Szigriszt-Pazos perspicuity on the INFLESZ
 * scale (the one Spanish health-information studies use) and Fernández-Huerta. English formulas
 * cannot be reused: they count English syllables, and Spanish words are longer on average.
 */

// Accented strong vowels are still strong; an accented í or ú carries the stress itself, so it
// cannot glide into its neighbour ("pa-ís", "re-ú-ne", "dí-a").
const STRONG = new Set(['a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü']);
const FRONT = new Set(['e', 'i', 'é', 'í']);

/** Whether the letter at `index` is heard as a vowel, and which. */
function vowelAt(word: string, index: number): string | null {
  const letter = word[index]!;
  // "que", "qui", "guerra", "guía": the u only marks how the consonant sounds. "güe" keeps it (ü).
  if (letter === 'u' && (word[index - 1] === 'q' || word[index - 1] === 'g') && FRONT.has(word[index + 1] ?? '')) return null;
  // "y" is the conjunction alone and a vowel at a word's end ("hoy", "muy"); elsewhere a consonant ("ayuda").
  if (letter === 'y') return index === word.length - 1 ? 'i' : null;
  return VOWELS.has(letter) ? letter : null;
}

/**
 * Syllables in one Spanish word, counted as Spanish splits them: each run of vowels is one syllable
 * unless two strong vowels meet (hiatus, "le-er") or a written accent on í/ú breaks a diphthong. A
 * weak vowel (i, u, ü) beside another vowel glides into one syllable ("tra-ta-mien-to", "ciu-dad").
 */
export function countSyllables(word: string): number {
  const letters = word.normalize('NFC').toLowerCase().replace(/[^a-záéíóúüñ]/g, '');
  if (!letters) return 0;
  let syllables = 0;
  let previous: string | null = null;
  for (let index = 0; index < letters.length; index++) {
    const vowel = vowelAt(letters, index);
    if (vowel === null) {
      previous = null;
      continue;
    }
    if (previous === null || (STRONG.has(previous) && STRONG.has(vowel))) syllables++;
    previous = vowel;
  }
  return Math.max(syllables, 1);
}

/** Words: runs of letters. Phone numbers, dates and "911" are read as digits, not syllables, so they are left out. */
export function words(text: string): string[] {
  return text.match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
}

// A full stop after these is not the end of a sentence.
const ABBREVIATIONS = new Set(['dr', 'dra', 'sr', 'sra', 'srta', 'ud', 'uds', 'st', 'mt', 'ee', 'uu', 'etc', 'núm', 'tel', 'av']);

/**
 * Sentences: text ending in . ! ? or … (not after an abbreviation), and every line, because a
 * heading or a salutation stands alone though it has no full stop.
 */
export function sentences(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split(/\n+/)) {
    let start = 0;
    const ends = /[.!?…]+(?=\s|$)/g;
    for (let match = ends.exec(line); match; match = ends.exec(line)) {
      const before = line.slice(start, match.index);
      const lastWord = before.match(/(\p{L}+)$/u)?.[1]?.toLowerCase();
      if (match[0] === '.' && lastWord && ABBREVIATIONS.has(lastWord)) continue;
      found.push(line.slice(start, match.index + match[0].length));
      start = match.index + match[0].length;
    }
    found.push(line.slice(start));
  }
  return found.map((sentence) => sentence.trim()).filter((sentence) => words(sentence).length > 0);
}

export interface SpanishReadability {
  words: number;
  sentences: number;
  syllables: number;
  /** Szigriszt-Pazos perspicuity: 206.835 − 62.3·(syllables/words) − (words/sentences). */
  inflesz: number;
  /**
   * Fernández-Huerta: 206.84 − 0.60·P − 1.02·F, P syllables per 100 words, F words per sentence.
   * Often printed with F as sentences per 100 words, which would make shorter sentences score as
   * harder; that is a known misprint (G. Law, 2011), and F is words per sentence as in Flesch.
   */
  fernandezHuerta: number;
  /** The INFLESZ band (Barrio-Cantalejo et al., 2008). */
  band: InfleszBand;
}

export type InfleszBand = 'muy difícil' | 'algo difícil' | 'normal' | 'bastante fácil' | 'muy fácil';

export function infleszBand(score: number): InfleszBand {
  if (score > 80) return 'muy fácil';
  if (score >= 65) return 'bastante fácil';
  if (score >= 55) return 'normal';
  if (score >= 40) return 'algo difícil';
  return 'muy difícil';
}

export function spanishReadability(text: string): SpanishReadability {
  const all = words(text);
  const sentenceCount = sentences(text).length;
  if (all.length === 0 || sentenceCount === 0) throw new Error('No Spanish words to measure: pass the letter text, not an empty string.');
  const syllables = all.reduce((sum, word) => sum + countSyllables(word), 0);
  const perWord = syllables / all.length;
  const perSentence = all.length / sentenceCount;
  const inflesz = 206.835 - 62.3 * perWord - perSentence;
  return {
    words: all.length,
    sentences: sentenceCount,
    syllables,
    inflesz,
    fernandezHuerta: 206.84 - 0.6 * (100 * perWord) - 1.02 * perSentence,
    band: infleszBand(inflesz),
  };
}
