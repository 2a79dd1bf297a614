import type { CapabilityId } from './questionnaire';
import type { FamilyLanguage, Urgency } from './transfer-case';
import type { TransportMode } from './transfer-record';

/**
 * What a family letter says, in one language. Each language is written for its own readers (not
 * translated phrase by phrase) from the same facts; letters.ts decides which blocks a letter has.
 */
export interface FamilyLetterFacts {
  /** The patient's first name. */
  patient: string;
  patientFullName: string;
  /** Under 18: the letter is written to the parent or guardian. */
  minor: boolean;
  guardianName: string;
  receivingName: string | null;
  urgency: Urgency;
  /** The accepting physician and when, once the receiving facility has accepted. */
  acceptedBy: { physician: string; at: string } | null;
  transportMode: TransportMode | null;
  insurer: string;
  /** Whom to call: the named contact on the case, or else the physician. */
  contactName: string;
  contactPhone: string;
  hospitalPhone: string;
  hasPump: boolean;
}

export interface FamilyLetterWording {
  language: FamilyLanguage;
  /** The letter's date as this language writes it ("November 30, 2026", "30 de noviembre de 2026"). */
  longDate(isoDate: string): string;
  salutation(facts: FamilyLetterFacts): string;
  closing: string;
  aboutSps(facts: FamilyLetterFacts): string;
  headings: {
    advice: string;
    whyMove: string;
    offers(receivingName: string): string;
    next: string;
    bring: string;
    pump: string;
    cost: string;
    rights: string;
    contact: string;
    languageHelp: string;
  };
  /** No transfer: `outpatient` when care continues in clinic, without a hospital stay. */
  stay(facts: FamilyLetterFacts, outpatient: boolean): string;
  /** Treatment as a day visit at another center. */
  referral(facts: FamilyLetterFacts): string;
  /** A move, advised (`recommended`) or worth considering. */
  advice(facts: FamilyLetterFacts, recommended: boolean): string;
  noBlame: string;
  offers: Record<CapabilityId, string>;
  /** Added to an offer the receiving hospital gives through a partner. */
  throughPartner: string;
  checkBeforeMove(receivingName: string): string;
  next(facts: FamilyLetterFacts): string;
  bring(facts: FamilyLetterFacts): string[];
  /** Warning signs of pump failure and what to do, for a patient with a baclofen pump. */
  pumpWarnings: string[];
  cost(facts: FamilyLetterFacts): string;
  rights(facts: FamilyLetterFacts): string;
  contact(facts: FamilyLetterFacts): string;
}
