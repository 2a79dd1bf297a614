import type { CapabilityProfile } from './assessment';
import type { Facility } from './facility';
import type { Distance } from './geography';
import type { ComposedLetter, LetterAudience } from './letters';
import type { TransferCase } from './transfer-case';
import type { Candidate, NeedsResult, Recommendation } from './transfer-rules';

export interface LetterSummary {
  id: number;
  audience: LetterAudience;
  state: 'draft' | 'issued';
  sha256: string | null;
  issuedAt: string | null;
  issuedByName: string | null;
  updatedAt: string;
  /**
   * For a letter issued on a desktop that follows a shared registry: the registry change its
   * evidence came from (the replica's sequence number), and when the replica last matched it.
   */
  evidenceFrom: RegistryEvidence | null;
}

export interface RegistryEvidence {
  serverUrl: string;
  registryId: string | null;
  sequence: number;
  pulledAt: string | null;
}

/** A physician's view of one case: needs, the referring facility's gaps, where to send the patient. */
export interface CaseWorkup {
  transferCase: TransferCase;
  needs: NeedsResult;
  recommendation: Recommendation;
  referring: { facility: Facility; profile: CapabilityProfile | null; verdict: string };
  receiving: { facility: Facility; profile: CapabilityProfile | null; distance: Distance | null } | null;
  /** The best receiving candidates, best first, and how many there are in all. */
  candidates: Candidate[];
  candidateCount: number;
  letters: LetterSummary[];
}

export interface LetterView extends LetterSummary {
  caseId: number;
  letter: ComposedLetter;
  /** Paragraph id → the physician's text, for a draft. */
  edits: Record<string, string>;
  /** Why the draft cannot be issued as things stand, and what would change it; null when it can. */
  issueBlocker: string | null;
  /** Set while the letter's translation has no qualified translator's review: issuing then asks for a recorded confirmation. */
  translationNotice: string | null;
}

export const CANDIDATES_SHOWN = 25;
