import type { CapabilityProfile, ProfileCapability } from './assessment';
import { formatDate, formatLongDate } from './calendar';
import type { Facility } from './facility';
import { formatDistance, type Distance } from './geography';
import { CAPABILITY_STATUS_LABELS, CURRENT_QUESTIONNAIRE, type CapabilityId } from './questionnaire';
import { inSentence } from './sentence-case';
import type { AppSettings, Letterhead, PaperSize } from './settings';
import {
  CASE_STAGE_LABELS,
  CLINICAL_FLAG_LABELS,
  GAD65_LABELS,
  SPS_ICD10,
  TREATMENT_LABELS,
  TREATMENT_RESPONSE_LABELS,
  type TransferCase,
} from './transfer-case';
import type { Need, Recommendation } from './transfer-rules';

export const LETTER_AUDIENCES = ['family', 'insurer'] as const;
export type LetterAudience = (typeof LETTER_AUDIENCES)[number];
export const LETTER_AUDIENCE_LABELS: Record<LetterAudience, string> = { family: 'Family letter', insurer: 'Insurer letter' };

export interface LetterParagraph {
  /** Stable within a letter, so a physician's edit sticks to the paragraph it was made on. */
  id: string;
  text: string;
}

export interface LetterBlock {
  id: string;
  heading: string | null;
  style: 'prose' | 'list';
  paragraphs: LetterParagraph[];
}

export interface ComposedLetter {
  audience: LetterAudience;
  paperSize: PaperSize;
  letterhead: Letterhead;
  date: string;
  recipient: string[];
  reference: { label: string; value: string }[];
  salutation: string;
  blocks: LetterBlock[];
  closing: string;
  signature: string[];
  enclosures: string[];
  footnotes: string[];
}

export interface LetterFacility {
  facility: Pick<Facility, 'id' | 'name' | 'city' | 'state' | 'phone'>;
  profile: CapabilityProfile | null;
}

/** Everything a letter is built from; an issued letter keeps this beside its content. */
export interface LetterSource {
  transferCase: TransferCase;
  needs: Need[];
  /** Clinical conflicts the rules found, such as planned IVIG with IgA deficiency. */
  warnings: string[];
  recommendation: Recommendation;
  referring: LetterFacility;
  receiving: (LetterFacility & { distance: Distance | null }) | null;
  settings: Pick<AppSettings, 'letterhead' | 'paperSize' | 'expiryMonths'>;
  /** The letter's date, YYYY-MM-DD. */
  date: string;
}

const nameOf = (id: CapabilityId) => CURRENT_QUESTIONNAIRE.capabilities.find((c) => c.id === id)!.name;
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
const place = (facility: LetterFacility['facility']) => [facility.city, facility.state].filter(Boolean).join(', ');

function entry(profile: CapabilityProfile | null, id: CapabilityId): ProfileCapability | undefined {
  return profile?.capabilities.find((capability) => capability.capabilityId === id);
}

/** Footnotes for stale evidence, numbered in the order the letter first cites them. */
class Footnotes {
  readonly notes: string[] = [];
  cite(text: string): string {
    let index = this.notes.indexOf(text);
    if (index === -1) index = this.notes.push(text) - 1;
    return ` [${index + 1}]`;
  }
}

function staleNote(facilityName: string, capability: ProfileCapability, expiryMonths: number): string {
  return capability.verifiedOn
    ? `${nameOf(capability.capabilityId)} at ${facilityName} was last verified on ${formatDate(capability.verifiedOn)}, more than ${expiryMonths} months before this letter; it should be confirmed again.`
    : `${nameOf(capability.capabilityId)} at ${facilityName} has no verification date; it should be confirmed.`;
}

function letterheadFor(settings: LetterSource['settings'], referring: LetterFacility['facility']): Letterhead {
  return {
    institution: settings.letterhead.institution || referring.name,
    address: settings.letterhead.address,
    phone: settings.letterhead.phone || referring.phone,
  };
}

/* ---------------- family ---------------- */

const FAMILY_PHRASES: Record<CapabilityId, string> = {
  plasmapheresis: 'Plasma exchange. This treatment cleans the blood of the antibodies that attack the nerves.',
  ivig: 'IVIG. This is a drip of donor antibodies that can calm the immune system.',
  rehab_therapy: 'Skilled physical and hand therapy, to help with moving, balance and daily tasks.',
  psychiatry: 'Doctors for worry and low mood who know long illness well.',
  neuro_icu: 'An intensive care unit with a brain and nerve team, for sudden and serious problems.',
  rehab_center: 'A rehab center that takes people with rare illnesses, for the weeks after the hospital stay.',
};

export function composeFamilyLetter(source: LetterSource): ComposedLetter {
  const { transferCase, receiving, recommendation, settings } = source;
  const patient = firstName(transferCase.patient.name);
  const footnotes = new Footnotes();
  const blocks: LetterBlock[] = [];
  const physician = transferCase.physician;

  blocks.push({
    id: 'about',
    heading: null,
    style: 'prose',
    paragraphs: [
      {
        id: 'about-sps',
        text: `We are writing about ${patient}'s care. Stiff person syndrome is a rare illness of the nerves. It makes the muscles tight and can cause sudden, painful spasms.`,
      },
    ],
  });

  if (recommendation.level === 'not_indicated') {
    blocks.push({
      id: 'why',
      heading: 'Our advice',
      style: 'prose',
      paragraphs: [{ id: 'why-stay', text: `Right now ${patient} can get good care with us, and a move to another hospital is not needed. We will keep checking, and we will tell you if that changes.` }],
    });
  } else {
    const where = receiving ? receiving.facility.name : 'a larger center';
    const advice =
      recommendation.level === 'recommended'
        ? `Our team thinks ${patient} should move to ${where} for the next part of care.`
        : `Our team thinks a move to ${where} may give ${patient} the best care right now.`;
    blocks.push({
      id: 'why',
      heading: 'Why we suggest a move',
      style: 'prose',
      paragraphs: [
        { id: 'why-advice', text: advice },
        {
          id: 'why-no-blame',
          text: 'This is not because anyone here did something wrong. No one hospital can offer every kind of care. Even big city hospitals send some patients to special centers. The goal is to get the right care in the right place.',
        },
      ],
    });
    if (receiving) {
      const items = source.needs.flatMap((need) => {
        const offered = entry(receiving.profile, need.capabilityId);
        if (!offered || (offered.status !== 'on_site' && offered.status !== 'via_partner')) return [];
        const mark = offered.stale ? footnotes.cite(`We will check that ${receiving.facility.name} still offers this before the move.`) : '';
        return [{ id: `offers-${need.capabilityId}`, text: `${FAMILY_PHRASES[need.capabilityId]}${mark}` }];
      });
      if (items.length > 0) {
        blocks.push({ id: 'offers', heading: `What ${receiving.facility.name} can offer`, style: 'list', paragraphs: items });
      }
    }
    blocks.push({
      id: 'next',
      heading: 'What happens next',
      style: 'prose',
      paragraphs: [
        {
          id: 'next-steps',
          text: receiving
            ? `We will call the team at ${receiving.facility.name} and send them ${patient}'s records. A doctor there must agree to take over care. Then we will plan a safe trip there. We will tell you about each step.`
            : `We are still choosing the best hospital for ${patient}. We will tell you as soon as we know, and we will plan a safe trip there.`,
        },
      ],
    });
  }

  const hospitalPhone = settings.letterhead.phone || source.referring.facility.phone;
  blocks.push({
    id: 'contact',
    heading: 'Who to call',
    style: 'prose',
    paragraphs: [
      {
        id: 'contact-physician',
        text: `If you have questions, please call ${physician.name} at ${physician.phone}.${hospitalPhone ? ` You can also call the hospital at ${hospitalPhone}.` : ''} No question is too small.`,
      },
    ],
  });

  return {
    audience: 'family',
    paperSize: settings.paperSize,
    letterhead: letterheadFor(settings, source.referring.facility),
    date: formatLongDate(source.date),
    recipient: [],
    reference: [],
    salutation: `Dear ${transferCase.patient.name} and family,`,
    blocks,
    closing: 'With care,',
    signature: [[physician.name, physician.credentials].filter(Boolean).join(', '), physician.phone],
    enclosures: [],
    footnotes: footnotes.notes,
  };
}

/* ---------------- insurer ---------------- */

function verification(capability: ProfileCapability): string {
  if (!capability.verifiedOn) return 'no verification recorded';
  const who = [capability.verifiedByName, capability.verifiedByRole].filter(Boolean).join(', ');
  return `verified ${formatDate(capability.verifiedOn)}${who ? ` by ${who}` : ''}`;
}

export function composeInsurerLetter(source: LetterSource): ComposedLetter {
  const { transferCase, referring, receiving, recommendation, settings } = source;
  const { patient, physician } = transferCase;
  const footnotes = new Footnotes();
  const blocks: LetterBlock[] = [];
  const diagnosis = `Stiff person syndrome, ICD-10-CM ${SPS_ICD10} (${GAD65_LABELS[transferCase.gad65].toLowerCase().replace('anti-gad65', 'anti-GAD65')})`;
  const destination = receiving ? `${receiving.facility.name}${place(receiving.facility) ? `, ${place(receiving.facility)}` : ''}` : 'a tertiary or university medical center (to be named)';

  blocks.push({
    id: 'purpose',
    heading: null,
    style: 'prose',
    paragraphs: [
      {
        id: 'purpose',
        text: `I am writing to request authorization to transfer my patient, ${patient.name}, from ${referring.facility.name} to ${destination} for the management of stiff person syndrome (ICD-10-CM ${SPS_ICD10}). ${recommendation.summary}`,
      },
    ],
  });

  const clinical: LetterParagraph[] = [
    {
      id: 'clinical-stage',
      text: `Stage: ${CASE_STAGE_LABELS[transferCase.stage].toLowerCase()}. ${GAD65_LABELS[transferCase.gad65]}.${transferCase.flags.length ? ` Current clinical features: ${transferCase.flags.map((flag) => inSentence(CLINICAL_FLAG_LABELS[flag])).join('; ')}.` : ''}`,
    },
  ];
  if (transferCase.clinicalSummary) clinical.push({ id: 'clinical-summary', text: transferCase.clinicalSummary });
  source.warnings.forEach((warning, index) => clinical.push({ id: `clinical-warning-${index}`, text: warning }));
  blocks.push({ id: 'clinical', heading: 'Clinical summary', style: 'prose', paragraphs: clinical });

  blocks.push({
    id: 'treatments',
    heading: 'Treatments tried and response',
    style: 'list',
    paragraphs: transferCase.treatments.length
      ? transferCase.treatments.map((treatment, index) => ({
          id: `treatment-${index}`,
          text: `${TREATMENT_LABELS[treatment.treatment]}${treatment.detail ? ` (${treatment.detail})` : ''}: ${TREATMENT_RESPONSE_LABELS[treatment.response]}.`,
        }))
      : [{ id: 'treatment-none', text: 'No symptomatic treatment has been tried yet.' }],
  });

  const gapItems = source.needs.map((need) => {
    const capability = entry(referring.profile, need.capabilityId);
    if (!referring.profile || !capability) {
      return { id: `gap-${need.capabilityId}`, text: `${nameOf(need.capabilityId)}: not established; ${referring.facility.name} has no finalized capability assessment.` };
    }
    const mark = capability.stale && capability.status !== 'unknown' ? footnotes.cite(staleNote(referring.facility.name, capability, settings.expiryMonths)) : '';
    return {
      id: `gap-${need.capabilityId}`,
      text: `${nameOf(need.capabilityId)}: ${CAPABILITY_STATUS_LABELS[capability.status].toLowerCase()} (assessment finalized ${formatDate(referring.profile.finalizedAt)}; ${verification(capability)})${mark}. Needed because: ${need.reasons.join(' ')}`,
    };
  });
  blocks.push({
    id: 'gaps',
    heading: `Patient needs and capability gaps at ${referring.facility.name}`,
    style: 'list',
    paragraphs: gapItems.length ? gapItems : [{ id: 'gap-none', text: 'No capability need is recorded for this patient.' }],
  });

  if (receiving) {
    const provided = source.needs.map((need) => {
      const capability = entry(receiving.profile, need.capabilityId);
      if (!receiving.profile || !capability || (capability.status !== 'on_site' && capability.status !== 'via_partner')) {
        return { id: `provides-${need.capabilityId}`, text: `${nameOf(need.capabilityId)}: not confirmed by a finalized assessment of ${receiving.facility.name}.` };
      }
      const mark = capability.stale ? footnotes.cite(staleNote(receiving.facility.name, capability, settings.expiryMonths)) : '';
      return {
        id: `provides-${need.capabilityId}`,
        text: `${nameOf(need.capabilityId)}: ${CAPABILITY_STATUS_LABELS[capability.status].toLowerCase()} (assessment finalized ${formatDate(receiving.profile.finalizedAt)}; ${verification(capability)})${mark}.`,
      };
    });
    if (receiving.distance) {
      provided.push({
        id: 'provides-distance',
        text: `Distance: ${formatDistance(receiving.distance)} from ${referring.facility.name}.`,
      });
    }
    blocks.push({
      id: 'receiving',
      heading: `What ${receiving.facility.name} provides`,
      style: 'list',
      paragraphs: provided.length ? provided : [{ id: 'provides-none', text: `${receiving.facility.name} is the chosen receiving facility.` }],
    });
  }

  const immunotherapy = source.needs.some((need) => need.capabilityId === 'ivig' || need.capabilityId === 'plasmapheresis');
  blocks.push({
    id: 'request',
    heading: 'Request',
    style: 'prose',
    paragraphs: [
      {
        id: 'request',
        text: `The patient's needs exceed what ${referring.facility.name} can reliably provide. Treating this patient may be within a physician's skill, but it is not within this facility's resources. I request authorization for transfer to ${destination} and for the inpatient services listed above.${immunotherapy ? ' Response to immunotherapy will be documented to support decisions on continued treatment.' : ''}`,
      },
    ],
  });
  blocks.push({
    id: 'attestation',
    heading: 'Attestation',
    style: 'prose',
    paragraphs: [
      {
        id: 'attestation',
        text: 'I attest that I am the referring physician for this patient, that the information in this letter is accurate and complete to the best of my knowledge, and that in my clinical judgement the transfer is medically necessary.',
      },
    ],
  });

  const enclosure = (facility: LetterFacility) =>
    facility.profile
      ? `Capability assessment of ${facility.facility.name}, revision ${facility.profile.revision}, finalized ${formatDate(facility.profile.finalizedAt)} by ${facility.profile.assessorName}`
      : null;

  return {
    audience: 'insurer',
    paperSize: settings.paperSize,
    letterhead: letterheadFor(settings, referring.facility),
    date: formatLongDate(source.date),
    recipient: ['Utilization Review / Medical Director', patient.insurer],
    reference: [
      { label: 'Patient', value: patient.name },
      { label: 'Date of birth', value: formatDate(patient.dateOfBirth) },
      { label: 'Member ID', value: patient.memberId },
      { label: 'Diagnosis', value: diagnosis },
      { label: 'Request', value: `Inter-facility transfer to ${destination}` },
    ],
    salutation: 'Dear Medical Director:',
    blocks,
    closing: 'Sincerely,',
    signature: [
      [physician.name, physician.credentials].filter(Boolean).join(', '),
      `NPI ${physician.npi}`,
      `Phone ${physician.phone}`,
    ],
    enclosures: [enclosure(referring), receiving ? enclosure(receiving) : null].filter((line): line is string => line !== null),
    footnotes: footnotes.notes,
  };
}

export function composeLetter(audience: LetterAudience, source: LetterSource): ComposedLetter {
  return audience === 'family' ? composeFamilyLetter(source) : composeInsurerLetter(source);
}

/** The physician's paragraph edits laid over the composed letter. */
export function applyEdits(letter: ComposedLetter, edits: Record<string, string>): ComposedLetter {
  return {
    ...letter,
    blocks: letter.blocks.map((block) => ({
      ...block,
      paragraphs: block.paragraphs.map((paragraph) => (paragraph.id in edits ? { ...paragraph, text: edits[paragraph.id]! } : paragraph)),
    })),
  };
}

/** The letter as plain text, in reading order: for readability checks and searching. */
export function letterText(letter: ComposedLetter): string {
  return [
    letter.salutation,
    ...letter.blocks.flatMap((block) => [...(block.heading ? [block.heading] : []), ...block.paragraphs.map((p) => p.text)]),
    letter.closing,
  ].join('\n');
}
