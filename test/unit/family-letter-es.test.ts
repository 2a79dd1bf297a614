import { describe, expect, it } from 'vitest';
import type { CapabilityProfile, ProfileCapability } from '../../shared/assessment';
import { FAMILY_LETTER_EN } from '../../shared/family-letter-en';
import { FAMILY_LETTER_ES } from '../../shared/family-letter-es';
import { composeFamilyLetter, letterText, type ComposedLetter, type LetterSource } from '../../shared/letters';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import { transferCaseSchema, type TransferCase, type TransferCaseInput } from '../../shared/transfer-case';
import type { RecommendationLevel } from '../../shared/transfer-rules';
import { deriveNeeds, recommendTransfer } from '../../shared/transfer-rules';
import { countSyllables, sentences, spanishReadability, words } from '../support/spanish-readability';

describe('the Spanish syllable counter', () => {
  it.each([
    ['síndrome', 3], // sín-dro-me
    ['músculos', 3], // mús-cu-los
    ['hospital', 3], // hos-pi-tal
    ['tratamiento', 4], // tra-ta-mien-to: ie is a diphthong
    ['país', 2], // pa-ís: an accented í breaks it
    ['reúne', 3], // re-ú-ne
    ['guía', 2], // guí-a: the u after g is silent
    ['que', 1], // the u after q is silent
    ['pingüino', 3], // pin-güi-no: ü is heard
    ['agua', 2], // a-gua: gu before a keeps its u
    ['ciudad', 2], // ciu-dad: two weak vowels glide
    ['leer', 2], // le-er: two strong vowels part
    ['hoy', 1], // a final y is a vowel
    ['y', 1],
    ['ayuda', 3], // a-yu-da: y between vowels is a consonant
    ['cuidado', 3], // cui-da-do
    ['día', 2], // dí-a
    ['oído', 3], // o-í-do
    ['aire', 2], // ai-re
    ['baclofeno', 4],
    ['Señales', 3],
    ['MÉDICO', 3],
  ])('counts %s as %i', (word, expected) => {
    expect(countSyllables(word)).toBe(expected);
  });

  it('reads a composed accent the same as a precomposed one', () => {
    expect(countSyllables('pai\u0301s')).toBe(2);
  });

  it('ends sentences at full stops, questions and lines, but not after "Dr."', () => {
    expect(sentences('Estimada familia:\n¿Tiene preguntas? Llame al Dr. Reyes. Gracias')).toEqual(['Estimada familia:', '¿Tiene preguntas?', 'Llame al Dr. Reyes.', 'Gracias']);
    expect(words('Llame al (555) 201-4400 o al 911.')).toEqual(['Llame', 'al', 'o', 'al']);
  });

  it('scores shorter sentences and shorter words as easier on both formulas', () => {
    const long = spanishReadability('El síndrome de la persona rígida es una enfermedad poco común del cerebro y de la médula espinal que pone los músculos tensos.');
    const short = spanishReadability('Es una enfermedad poco común. Afecta el cerebro. Pone los músculos tensos.');
    expect(short.inflesz).toBeGreaterThan(long.inflesz);
    expect(short.fernandezHuerta).toBeGreaterThan(long.fernandezHuerta);
  });
});

/* ---------------- the letter ---------------- */

function profile(facilityId: number, statuses: Partial<Record<CapabilityId, CapabilityStatus>>, staleIds: CapabilityId[] = []): CapabilityProfile {
  return {
    facilityId,
    assessmentId: facilityId,
    revision: 2,
    finalizedAt: '2026-06-15T14:00:00.000Z',
    assessorName: 'Dana Whitfield',
    questionnaireVersion: 1,
    capabilities: CAPABILITY_IDS.map((capabilityId): ProfileCapability => ({
      capabilityId,
      status: statuses[capabilityId] ?? 'on_site',
      verifiedOn: staleIds.includes(capabilityId) ? '2024-02-01' : '2026-06-10',
      verifiedByName: 'Dr. Lena Ortiz',
      verifiedByRole: 'Department chief',
      verificationMethod: 'site_visit',
      stale: staleIds.includes(capabilityId),
      details: capabilityId === 'neuro_icu' ? { baclofenPumpFailure: 'yes', neurosurgeryOnCall: 'yes' } : capabilityId === 'ivig' ? { inpatientCourse: 'yes' } : {},
      partner: null,
    })),
  };
}

const BASE: TransferCaseInput = {
  patient: { name: 'María Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-2231987' },
  gad65: 'positive',
  stage: 'progressive',
  flags: ['plannedIvig', 'baclofenPump', 'inpatientAdmission'],
  referringFacilityId: 1,
  physician: { name: 'Dr. Alan Reyes', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
  preferredLanguage: 'es',
};

function transferCase(changes: Partial<TransferCaseInput> = {}): TransferCase {
  return {
    ...transferCaseSchema.parse({ ...BASE, ...changes }),
    id: 7,
    receivingFacilityId: 2,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    createdByName: 'Dr. Alan Reyes',
  };
}

const RECEIVING = { id: 2, name: 'Lakeshore University Hospital', city: 'Birmingham', state: 'AL', phone: '(205) 555-0199' };

interface Variant {
  changes?: Partial<TransferCaseInput>;
  referring?: CapabilityProfile;
  receiving?: boolean;
}

function source({ changes = {}, referring = profile(1, { neuro_icu: 'not_available', ivig: 'via_partner' }), receiving = true }: Variant = {}): LetterSource {
  const chosen = transferCase(changes);
  const needs = deriveNeeds(chosen, '2026-11-20');
  return {
    transferCase: chosen,
    needs: needs.needs,
    warnings: needs.warnings,
    recommendation: recommendTransfer(chosen, needs.needs, referring),
    referring: { facility: { id: 1, name: 'Mercy County Hospital', city: 'Dothan', state: 'AL', phone: '(334) 555-0100' }, profile: referring },
    receiving: receiving ? { facility: RECEIVING, profile: profile(2, { rehab_therapy: 'via_partner' }, ['ivig']), distance: { miles: 181.4, kilometres: 291.9, approximate: true } } : null,
    settings: { letterhead: { institution: 'Mercy County Hospital', address: '1 Mercy Way, Dothan, AL 36301', phone: '(334) 555-0100' }, paperSize: 'letter', expiryMonths: 12 },
    date: '2026-11-23',
  };
}

const EMERGENT_ACCEPTED: Partial<TransferCaseInput> = {
  flags: ['plannedIvig', 'baclofenPump', 'inpatientAdmission', 'pumpFailureSuspected'],
  transfer: { acceptance: { physician: 'Dr. Priya Natarajan', acceptedAt: '2026-11-23T09:30', unit: 'Neuro ICU' }, transport: { mode: 'critical_care', escort: '' } },
};

/** The letters a Spanish-speaking family can receive, with the level each must come out at. */
const VARIANTS: { name: string; level: RecommendationLevel; variant: Variant }[] = [
  { name: 'recommended, receiving chosen, pump', level: 'recommended', variant: {} },
  { name: 'consider', level: 'consider', variant: { referring: profile(1, { ivig: 'via_partner' }) } },
  { name: 'no receiving hospital chosen yet', level: 'recommended', variant: { receiving: false } },
  { name: 'stay: transfer not indicated', level: 'not_indicated', variant: { referring: profile(1, {}) } },
  { name: 'outpatient care, no transfer', level: 'outpatient', variant: { changes: { stage: 'early', flags: ['plannedIvig'] }, referring: profile(1, {}) } },
  { name: 'outpatient referral', level: 'outpatient_referral', variant: { changes: { stage: 'early', flags: ['plannedIvig'] }, referring: profile(1, { ivig: 'not_available' }) } },
  {
    name: 'minor, written to the guardian, family contact named',
    level: 'recommended',
    variant: { changes: { patient: { ...BASE.patient, name: 'Ana Lee', dateOfBirth: '2015-06-01' }, guardian: { name: 'Grace Lee', relationship: 'madre' }, familyContact: { name: 'Rosa Díaz', phone: '(334) 555-0142' } } },
  },
  { name: 'emergent, accepted, critical-care transport', level: 'recommended', variant: { changes: EMERGENT_ACCEPTED } },
  { name: 'urgent, private car, no pump', level: 'recommended', variant: { changes: { stage: 'acute', flags: ['plannedPlasmaExchange'], transfer: { transport: { mode: 'private', escort: '' } } }, referring: profile(1, { plasmapheresis: 'not_available' }) } },
];

const spanish = (variant: Variant = {}) => composeFamilyLetter(source(variant));
const english = (variant: Variant = {}) => {
  const built = source(variant);
  return composeFamilyLetter({ ...built, transferCase: { ...built.transferCase, preferredLanguage: 'en' } });
};
const paragraphIds = (letter: ComposedLetter) => letter.blocks.map((block) => [block.id, block.paragraphs.map((p) => p.id)]);
const allText = (letter: ComposedLetter) => [letterText(letter), ...letter.footnotes].join('\n');

describe('the Spanish family letter', () => {
  it.each(VARIANTS)('$name: is "bastante fácil" or easier on INFLESZ (≥ 65)', ({ level, variant }) => {
    const built = source(variant);
    expect(built.recommendation.level).toBe(level);
    const letter = composeFamilyLetter(built);
    expect(letter.language).toBe('es');
    const score = spanishReadability(letterText(letter));
    expect(score.inflesz).toBeGreaterThanOrEqual(65);
    expect(['bastante fácil', 'muy fácil']).toContain(score.band);
    // Fernández-Huerta's "algo fácil" (≥ 70) is the same reading level, on the older scale.
    expect(score.fernandezHuerta).toBeGreaterThanOrEqual(70);
  });

  it.each(VARIANTS)('$name: has every block and paragraph of the English letter, and none of its sentences', ({ variant }) => {
    const es = spanish(variant);
    const en = english(variant);
    expect(en.language).toBe('en');
    expect(paragraphIds(es)).toEqual(paragraphIds(en));
    expect(es.footnotes).toHaveLength(en.footnotes.length);
    const englishSentences = new Set(sentences(allText(en)));
    expect(sentences(allText(es)).filter((sentence) => englishSentences.has(sentence))).toEqual([]);
  });

  it('is dated and greeted the Spanish way, without guessing anyone\'s gender', () => {
    const letter = spanish();
    expect(letter.date).toBe('23 de noviembre de 2026');
    expect(FAMILY_LETTER_ES.longDate('2026-01-01')).toBe('1 de enero de 2026');
    expect(FAMILY_LETTER_ES.longDate('2027-09-30')).toBe('30 de septiembre de 2027');
    expect(letter.salutation).toBe('Estimada familia de María Delgado:');
    expect(letter.closing).toBe('Un saludo cordial,');
    const child = { patient: { ...BASE.patient, name: 'Ana Lee', dateOfBirth: '2015-06-01' } };
    expect(spanish({ changes: child }).salutation).toBe('Estimada familia de Ana:');
    expect(spanish({ changes: { ...child, guardian: { name: 'Grace Lee', relationship: 'madre' } } }).salutation).toBe('Hola, Grace Lee:');
    for (const { variant } of VARIANTS) expect(letterText(spanish(variant))).not.toMatch(/\b(?:el|la|al) paciente\b|\/a\b|\bDra?\. /);
  });

  it('keeps the clinical facts of the English letter', () => {
    const letter = spanish();
    const about = letter.blocks.find((b) => b.id === 'about')!.paragraphs[0]!.text;
    expect(about).toContain('El síndrome de la persona rígida es una enfermedad poco común del cerebro y de la médula espinal.');
    expect(about).toMatch(/músculos/);
    expect(about).toMatch(/espasmos/);
    expect(letter.blocks.find((b) => b.id === 'offers')!.paragraphs.map((p) => p.id)).toEqual(['offers-ivig', 'offers-rehab_therapy', 'offers-neuro_icu']);
    expect(letter.blocks.find((b) => b.id === 'offers')!.heading).toBe('Lo que ofrece Lakeshore University Hospital');
    expect(letter.footnotes).toEqual(['Antes del traslado, vamos a confirmar que Lakeshore University Hospital todavía ofrece esto.']);
    expect(letter.blocks.find((b) => b.id === 'offers')!.paragraphs.find((p) => p.id === 'offers-rehab_therapy')!.text).toContain('junto con otro hospital');
  });

  it('tells a pump family the warning signs and to call 911, and what to bring', () => {
    const letter = spanish();
    const pump = letter.blocks.find((b) => b.id === 'pump')!;
    expect(pump.heading).toBe('Señales de un problema con la bomba');
    expect(pump.paragraphs.map((p) => p.text)).toHaveLength(FAMILY_LETTER_EN.pumpWarnings.length);
    expect(pump.paragraphs.at(-1)!.text).toContain('llame al 911');
    expect(pump.paragraphs.at(-1)!.text).toContain('bomba de baclofeno');
    const bring = letter.blocks.find((b) => b.id === 'bring')!.paragraphs.map((p) => p.text);
    expect(bring).toContain('La tarjeta de la bomba de baclofeno. También el nombre y el teléfono de la clínica de la bomba.');
    expect(bring.join(' ')).toContain('identificación con foto');
  });

  it('says who accepted, how the patient travels, when, and that insurance never holds up an emergency', () => {
    const letter = spanish({ changes: EMERGENT_ACCEPTED });
    const next = letter.blocks.find((b) => b.id === 'next')!.paragraphs[0]!.text;
    expect(next).toContain('Priya Natarajan, del equipo médico de Lakeshore University Hospital, aceptó hacerse cargo de la atención de María.');
    expect(next).toContain('María va a viajar en una ambulancia con un equipo de cuidados intensivos.');
    expect(next).toContain('El traslado tiene que ser hoy mismo.');
    expect(letter.blocks.find((b) => b.id === 'cost')!.paragraphs[0]!.text).toContain('nunca esperamos al seguro');
    expect(letter.blocks.find((b) => b.id === 'rights')!.paragraphs[0]!.text).toContain('decir que no al traslado');
  });

  it('names whom to call, the physician by role rather than by a gendered title', () => {
    expect(spanish().blocks.find((b) => b.id === 'contact')!.paragraphs[0]!.text).toBe(
      '¿Tiene preguntas? Llame a su médico, Alan Reyes, al (555) 201-4400. También puede llamar al hospital al (334) 555-0100. Todas las preguntas son importantes.',
    );
    const named = spanish({ changes: { familyContact: { name: 'Rosa Díaz', phone: '(334) 555-0142' } } });
    expect(named.blocks.find((b) => b.id === 'contact')!.paragraphs[0]!.text).toContain('Llame a Rosa Díaz al (334) 555-0142.');
  });

  it('writes with accents and ñ, in composed Unicode, and offers language help in the other languages', () => {
    const letter = spanish();
    const text = letterText(letter);
    for (const word of ['médica', 'síndrome', 'rígida', 'médula', 'Señales', 'teléfono', 'atención']) expect(text).toContain(word);
    expect(text.normalize('NFC')).toBe(text);
    expect(text).not.toMatch(/Ã|Â|\uFFFD/);
    const taglines = letter.blocks.find((b) => b.id === 'taglines')!;
    expect(taglines.heading).toBe('Ayuda gratis con el idioma');
    expect(taglines.paragraphs.some((p) => p.text.startsWith('ATTENTION: If you speak English'))).toBe(true);
    expect(taglines.paragraphs.some((p) => p.text.startsWith('ATENCIÓN'))).toBe(false);
  });

  it('fills every wording member with Spanish, not the English placeholder', () => {
    expect(FAMILY_LETTER_ES.language).toBe('es');
    for (const key of Object.keys(FAMILY_LETTER_EN.headings) as (keyof typeof FAMILY_LETTER_EN.headings)[]) {
      const es = FAMILY_LETTER_ES.headings[key];
      const en = FAMILY_LETTER_EN.headings[key];
      expect(typeof es === 'function' ? es('X') : es).not.toBe(typeof en === 'function' ? en('X') : en);
    }
    for (const id of CAPABILITY_IDS) expect(FAMILY_LETTER_ES.offers[id]).not.toBe(FAMILY_LETTER_EN.offers[id]);
    expect(FAMILY_LETTER_ES.throughPartner).not.toBe(FAMILY_LETTER_EN.throughPartner);
    expect(FAMILY_LETTER_ES.noBlame).not.toBe(FAMILY_LETTER_EN.noBlame);
  });
});
