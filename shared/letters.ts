import type { CapabilityProfile, ProfileCapability } from './assessment';
import { formatDate, formatLongDate } from './calendar';
import type { Facility } from './facility';
import { formatDistance, type Distance } from './geography';
import { CURRENT_QUESTIONNAIRE, type CapabilityId } from './questionnaire';
import { inSentence } from './sentence-case';
import { FAMILY_LETTER_TEMPLATE_VERSIONS, type AppSettings, type Letterhead, type PaperSize } from './settings';
import {
  ADULT_AGE,
  ageInYears,
  CLINICAL_FLAG_LABELS,
  OTHER_ANTIBODY_LABELS,
  SECONDARY_DIAGNOSES,
  URGENCY_LABELS,
  WALKING_AID_LABELS,
  GAD65_LABELS,
  SPS_ICD10,
  TREATMENT_LABELS,
  TREATMENT_RESPONSE_LABELS,
  hasFlag,
  type FamilyLanguage,
  type TransferCase,
} from './transfer-case';
import { FAMILY_LETTER_EN } from './family-letter-en';
import { FAMILY_LETTER_ES } from './family-letter-es';
import type { FamilyLetterFacts, FamilyLetterWording } from './family-letter-wording';
import { interpreterTaglines } from './interpreter-taglines';
import { isAccepted, PUMP_ALARM_LABELS, TRANSPORT_MODE_LABELS } from './transfer-record';
import { judgeCapability, partnerLookup, type CapabilityJudgement, type PartnerProfile } from './capability-judgement';
import { patientContext, RECOMMENDATION_LABELS, type Need, type Recommendation } from './transfer-rules';

export const LETTER_AUDIENCES = ['family', 'insurer'] as const;
export type LetterAudience = (typeof LETTER_AUDIENCES)[number];
export const LETTER_AUDIENCE_LABELS: Record<LetterAudience, string> = { family: 'Family letter', insurer: 'Insurer letter' };

export interface LetterParagraph {
  /** Stable within a letter, so a physician's edit sticks to the paragraph it was made on. */
  id: string;
  text: string;
  /** A paragraph in another language than the letter's (the language-help taglines), as a BCP 47 tag. */
  lang?: string;
}

export interface LetterBlock {
  id: string;
  heading: string | null;
  style: 'prose' | 'list';
  paragraphs: LetterParagraph[];
  /** Set on a block written in several languages (the language-help taglines), which readability checks leave out. */
  language?: 'mixed';
}

export interface ComposedLetter {
  /** Who it is for; `transfer_summary` is the one-page hand-over for the receiving team. */
  audience: LetterAudience | 'transfer_summary';
  /** The language it is written in; absent on letters issued before there was a choice (English). */
  language?: FamilyLanguage;
  /** The version of that language's family-letter wording, so an issued letter shows which wording (and which translator's review) it went out with. */
  templateVersion?: number;
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
  /** Partner facilities named by the referring or receiving assessment, with their own profiles. */
  partners?: PartnerProfile[];
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

/** How each need stands at the receiving facility, judged for this patient as the workup judges it. */
function receivingJudgements(source: LetterSource): CapabilityJudgement[] {
  const { receiving } = source;
  if (!receiving) return [];
  const context = patientContext(source.transferCase);
  const partners = partnerLookup(source.partners ?? []);
  return source.needs.map((need) => judgeCapability(need.capabilityId, receiving.profile, context, `at ${receiving.facility.name}`, partners));
}

/** A footnote mark goes before the sentence's closing full stop. */
const marked = (sentence: string, mark: string) => (mark ? sentence.replace(/\.$/, `${mark}.`) : sentence);

const offers = (judgement: CapabilityJudgement) => judgement.provision === 'provides' || judgement.provision === 'partner';

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

const FAMILY_WORDING: Record<FamilyLanguage, FamilyLetterWording> = { en: FAMILY_LETTER_EN, es: FAMILY_LETTER_ES };

function familyFacts(source: LetterSource): FamilyLetterFacts {
  const { transferCase, receiving, recommendation, settings } = source;
  const age = ageInYears(transferCase.patient.dateOfBirth, source.date);
  const { acceptance, transport } = transferCase.transfer;
  const contactNamed = transferCase.familyContact.name.trim() !== '' && transferCase.familyContact.phone.trim() !== '';
  return {
    patient: firstName(transferCase.patient.name),
    patientFullName: transferCase.patient.name,
    minor: age !== null && age < ADULT_AGE,
    guardianName: transferCase.guardian.name.trim(),
    receivingName: receiving?.facility.name ?? null,
    urgency: recommendation.urgency.urgency,
    acceptedBy: isAccepted(transferCase.transfer) ? { physician: acceptance.physician, at: acceptance.acceptedAt } : null,
    transportMode: transport.mode,
    insurer: transferCase.patient.insurer,
    contactName: contactNamed ? transferCase.familyContact.name.trim() : transferCase.physician.name,
    contactPhone: contactNamed ? transferCase.familyContact.phone.trim() : transferCase.physician.phone,
    hospitalPhone: settings.letterhead.phone || source.referring.facility.phone,
    hasPump: hasFlag(transferCase, 'baclofenPump'),
  };
}

/**
 * The family letter in the family's language: what SPS is, the advice, what the other hospital
 * offers (and what it gives through a partner), what happens next and when, what to bring, pump
 * warning signs, cost, their right to ask or say no, whom to call, and free language help.
 */
export function composeFamilyLetter(source: LetterSource): ComposedLetter {
  const { transferCase, receiving, recommendation, settings } = source;
  const wording = FAMILY_WORDING[transferCase.preferredLanguage];
  const facts = familyFacts(source);
  const footnotes = new Footnotes();
  const blocks: LetterBlock[] = [];
  const prose = (id: string, heading: string | null, text: string): LetterBlock => ({ id, heading, style: 'prose', paragraphs: [{ id: `${id}-text`, text }] });
  const list = (id: string, heading: string, items: string[]): LetterBlock => ({
    id,
    heading,
    style: 'list',
    paragraphs: items.map((text, index) => ({ id: `${id}-${index + 1}`, text })),
  });

  blocks.push({ id: 'about', heading: null, style: 'prose', paragraphs: [{ id: 'about-sps', text: wording.aboutSps(facts) }] });

  const level = recommendation.level;
  const move = level === 'recommended' || level === 'consider';
  if (level === 'not_indicated' || level === 'outpatient') {
    blocks.push({ id: 'why', heading: wording.headings.advice, style: 'prose', paragraphs: [{ id: 'why-stay', text: wording.stay(facts, level === 'outpatient') }] });
  } else if (level === 'outpatient_referral') {
    blocks.push({ id: 'why', heading: wording.headings.advice, style: 'prose', paragraphs: [{ id: 'why-referral', text: wording.referral(facts) }] });
  } else {
    blocks.push({
      id: 'why',
      heading: wording.headings.whyMove,
      style: 'prose',
      paragraphs: [
        { id: 'why-advice', text: wording.advice(facts, level === 'recommended') },
        { id: 'why-no-blame', text: wording.noBlame },
      ],
    });
    if (receiving) {
      const items = receivingJudgements(source).flatMap((judgement) => {
        if (!offers(judgement)) return [];
        const mark = judgement.stale ? footnotes.cite(wording.checkBeforeMove(receiving.facility.name)) : '';
        const partner = judgement.provision === 'partner' ? wording.throughPartner : '';
        return [{ id: `offers-${judgement.capabilityId}`, text: `${wording.offers[judgement.capabilityId]}${partner}${mark}` }];
      });
      if (items.length > 0) blocks.push({ id: 'offers', heading: wording.headings.offers(receiving.facility.name), style: 'list', paragraphs: items });
    }
    blocks.push({ id: 'next', heading: wording.headings.next, style: 'prose', paragraphs: [{ id: 'next-steps', text: wording.next(facts) }] });
    blocks.push(list('bring', wording.headings.bring, wording.bring(facts)));
  }
  if (facts.hasPump) blocks.push(list('pump', wording.headings.pump, wording.pumpWarnings));
  if (move || level === 'outpatient_referral') {
    blocks.push(prose('cost', wording.headings.cost, wording.cost(facts)));
    blocks.push(prose('rights', wording.headings.rights, wording.rights(facts)));
  }
  blocks.push({ id: 'contact', heading: wording.headings.contact, style: 'prose', paragraphs: [{ id: 'contact-physician', text: wording.contact(facts) }] });
  if (facts.hospitalPhone) {
    blocks.push({
      id: 'taglines',
      heading: wording.headings.languageHelp,
      style: 'list',
      language: 'mixed',
      paragraphs: interpreterTaglines(wording.language, facts.hospitalPhone).map((tagline, index) => ({ id: `taglines-${index + 1}`, text: tagline.text, lang: tagline.lang })),
    });
  }

  const physician = transferCase.physician;
  return {
    audience: 'family',
    language: wording.language,
    templateVersion: FAMILY_LETTER_TEMPLATE_VERSIONS[wording.language],
    paperSize: settings.paperSize,
    letterhead: letterheadFor(settings, source.referring.facility),
    date: wording.longDate(source.date),
    recipient: [],
    reference: [],
    salutation: wording.salutation(facts),
    blocks,
    closing: wording.closing,
    signature: [[physician.name, physician.credentials].filter(Boolean).join(', '), physician.phone],
    enclosures: [],
    footnotes: footnotes.notes,
  };
}

/* ---------------- insurer ---------------- */

/**
 * Why an insurer letter cannot be issued as things stand, or null when it can. A payer letter that
 * asks for what the app's own recommendation does not support would be denied, and rightly.
 */
export function insurerLetterBlocker(source: Pick<LetterSource, 'recommendation' | 'transferCase'>): string | null {
  const { level } = source.recommendation;
  if (level === 'not_indicated' || level === 'outpatient') {
    return `The recommendation is “${RECOMMENDATION_LABELS[level]}”, so there is no transfer to ask the insurer to authorize. It would change if a need the referring facility cannot meet is recorded, if its assessment shows a gap, or if you withdraw a decision to keep the patient.`;
  }
  if (level === 'consider' && !source.transferCase.transferReason.trim()) {
    return 'The recommendation is “Consider transfer”, so the insurer letter needs your own clinical reason for the transfer. Write it on the case (Clinical reason for the transfer); this draft then takes it in and can be issued.';
  }
  return null;
}

/**
 * What staying without each capability risks, restating the source's reasons for each question
 * (CLINICAL_REFERENCES.seed): delayed immunotherapy, no rehabilitation, psychiatric care without
 * chronic-disease experience, and ICU emergencies (status spasticus, breathing, baclofen withdrawal,
 * see intrathecalBaclofenLabeling and glycineReceptor).
 */
const CAPABILITY_RISKS: Record<CapabilityId, string> = {
  plasmapheresis: 'plasma exchange could not be started when needed, delaying immunotherapy',
  ivig: 'the IVIG course could not be given or continued as planned',
  rehab_therapy: 'weakness and loss of function after treatment would go without rehabilitation-grade therapy',
  psychiatry: 'anxiety, depression or suicide risk would be managed without psychiatrists experienced in chronic neurological disease',
  neuro_icu: 'status spasticus, breathing failure or baclofen withdrawal could not be managed in a neurologic ICU',
  rehab_center: 'the patient would have no rehabilitation center able to take a rare neurological disease after the acute phase',
};

function treatmentLine(treatment: TransferCase['treatments'][number]): string {
  const when = [treatment.startedOn ? `from ${formatDate(treatment.startedOn)}` : '', treatment.duration].filter(Boolean).join(', ');
  const detail = [treatment.detail, when].filter(Boolean).join('; ');
  return `${TREATMENT_LABELS[treatment.treatment]}${detail ? ` (${detail})` : ''}: ${TREATMENT_RESPONSE_LABELS[treatment.response]}.`;
}

function functionalLine(status: TransferCase['functionalStatus']): string | null {
  const parts = [
    status.fallsLastMonth !== null ? `${status.fallsLastMonth} fall${status.fallsLastMonth === 1 ? '' : 's'} in the last month` : null,
    status.walkingAid ? `mobility: ${WALKING_AID_LABELS[status.walkingAid].toLowerCase()}` : null,
    status.stiffness ? `stiffness: ${status.stiffness}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? `Functional status: ${parts.join('; ')}.` : null;
}

export function composeInsurerLetter(source: LetterSource): ComposedLetter {
  const { transferCase, referring, receiving, recommendation, settings } = source;
  const { patient, physician, transfer } = transferCase;
  const footnotes = new Footnotes();
  const blocks: LetterBlock[] = [];
  const outpatient = recommendation.level === 'outpatient_referral';
  const urgency = recommendation.urgency.urgency;
  const diagnosis = [
    `Stiff person syndrome, ICD-10-CM ${SPS_ICD10} (${GAD65_LABELS[transferCase.gad65].toLowerCase().replace('anti-gad65', 'anti-GAD65')})`,
    ...transferCase.secondaryDiagnoses.map((code) => `${SECONDARY_DIAGNOSES[code]}, ${code}`),
  ].join('; ');
  const destination = receiving ? `${receiving.facility.name}${place(receiving.facility) ? `, ${place(receiving.facility)}` : ''}` : 'a tertiary or university medical center (to be named)';
  const careRequested = outpatient ? `Outpatient treatment at ${destination}` : `Inpatient transfer to ${destination}`;

  blocks.push({
    id: 'purpose',
    heading: null,
    style: 'prose',
    paragraphs: [
      {
        id: 'purpose',
        text: outpatient
          ? `I am writing to request authorization for outpatient treatment of my patient, ${patient.name}, at ${destination}, for stiff person syndrome (ICD-10-CM ${SPS_ICD10}). ${recommendation.summary}`
          : `I am writing to request authorization to transfer my patient, ${patient.name}, from ${referring.facility.name} to ${destination} for the management of stiff person syndrome (ICD-10-CM ${SPS_ICD10}). ${recommendation.summary}`,
      },
    ],
  });

  const clinical: LetterParagraph[] = [
    {
      id: 'clinical-stage',
      text: `Stage: ${transferCase.stage}${!outpatient && transferCase.stage === 'early' ? ', now needing inpatient care' : ''}. ${[GAD65_LABELS[transferCase.gad65], ...transferCase.otherAntibodies.map((antibody) => OTHER_ANTIBODY_LABELS[antibody])].join('; ')}.${transferCase.flags.length ? ` Current clinical features: ${transferCase.flags.map((flag) => inSentence(CLINICAL_FLAG_LABELS[flag])).join('; ')}.` : ''}`,
    },
  ];
  const functional = functionalLine(transferCase.functionalStatus);
  if (functional) clinical.push({ id: 'clinical-function', text: functional });
  if (transferCase.clinicalSummary) clinical.push({ id: 'clinical-summary', text: transferCase.clinicalSummary });
  if (transferCase.transferReason.trim()) clinical.push({ id: 'clinical-reason', text: transferCase.transferReason.trim() });
  source.warnings.forEach((warning, index) => clinical.push({ id: `clinical-warning-${index}`, text: warning }));
  blocks.push({ id: 'clinical', heading: 'Clinical summary', style: 'prose', paragraphs: clinical });

  blocks.push({
    id: 'treatments',
    heading: 'Treatments tried and response',
    style: 'list',
    paragraphs: transferCase.treatments.length
      ? transferCase.treatments.map((treatment, index) => ({ id: `treatment-${index}`, text: treatmentLine(treatment) }))
      : [{ id: 'treatment-none', text: 'No treatment has been tried yet.' }],
  });

  const judged = new Map(recommendation.reasons.map((reason) => [reason.capabilityId, reason]));
  const gapNeeds = source.needs.filter((need) => {
    const judgement = judged.get(need.capabilityId);
    // A need the referring facility meets on site with current, favourable verification is no gap.
    return judgement !== undefined && !(judgement.provision === 'provides' && !judgement.stale);
  });
  const gapItems = gapNeeds.map((need) => {
    const judgement = judged.get(need.capabilityId)!;
    const capability = entry(referring.profile, need.capabilityId);
    const mark = capability && capability.stale && capability.status !== 'unknown' ? footnotes.cite(staleNote(referring.facility.name, capability, settings.expiryMonths)) : '';
    return { id: `gap-${need.capabilityId}`, text: `${marked(judgement.text, mark)} Needed because: ${need.reasons.join(' ')}` };
  });
  blocks.push({
    id: 'gaps',
    heading: `Patient needs and capability gaps at ${referring.facility.name}`,
    style: 'list',
    paragraphs: gapItems.length
      ? gapItems
      : [
          {
            id: 'gap-none',
            text: source.needs.length
              ? `${referring.facility.name} provides every need of this patient on site with current verification.`
              : 'No capability need is recorded for this patient.',
          },
        ],
  });

  if (receiving) {
    const provided = receivingJudgements(source).map((judgement) => {
      if (!offers(judgement)) {
        return { id: `provides-${judgement.capabilityId}`, text: `${nameOf(judgement.capabilityId)}: not confirmed by a finalized assessment of ${receiving.facility.name} for this patient. ${judgement.text}` };
      }
      const capability = entry(receiving.profile, judgement.capabilityId)!;
      const mark = capability.stale ? footnotes.cite(staleNote(receiving.facility.name, capability, settings.expiryMonths)) : '';
      return { id: `provides-${judgement.capabilityId}`, text: marked(judgement.text, mark) };
    });
    if (receiving.distance) {
      provided.push({ id: 'provides-distance', text: `Distance: ${formatDistance(receiving.distance)} from ${referring.facility.name}.` });
    }
    if (isAccepted(transfer)) {
      provided.push({
        id: 'provides-acceptance',
        text: `Accepted by ${transfer.acceptance.physician}${transfer.acceptance.unit ? ` for ${transfer.acceptance.unit}` : ''} on ${formatAcceptance(transfer.acceptance.acceptedAt)}.`,
      });
    }
    blocks.push({
      id: 'receiving',
      heading: `What ${receiving.facility.name} provides`,
      style: 'list',
      paragraphs: provided.length ? provided : [{ id: 'provides-none', text: `${receiving.facility.name} is the chosen receiving facility.` }],
    });
  }

  const risks = (gapNeeds.length ? gapNeeds : source.needs).map((need) => CAPABILITY_RISKS[need.capabilityId]);
  if (risks.length) {
    blocks.push({
      id: 'risks',
      heading: outpatient ? 'Risks without this treatment' : 'Risks of not transferring',
      style: 'prose',
      paragraphs: [{ id: 'risks', text: `If the patient ${outpatient ? 'is not referred' : 'stays at ' + referring.facility.name}, ${listOfPhrases(risks)}.` }],
    });
  }

  const immunotherapy = source.needs.some((need) => need.capabilityId === 'ivig' || need.capabilityId === 'plasmapheresis');
  const request: LetterParagraph[] = [
    {
      id: 'request',
      text: outpatient
        ? `I request authorization for outpatient treatment at ${destination} as listed above.${immunotherapy ? ' Response to immunotherapy will be documented to support decisions on continued treatment.' : ''}`
        : `The patient's needs exceed what ${referring.facility.name} can reliably provide. Treating this patient may be within a physician's skill, but it is not within this facility's resources. I request authorization for transfer to ${destination} and for the inpatient services listed above.${immunotherapy ? ' Response to immunotherapy will be documented to support decisions on continued treatment.' : ''}`,
    },
  ];
  if (urgency === 'emergent' && !outpatient) {
    // CLINICAL_REFERENCES.emtala.
    request.push({
      id: 'request-emtala',
      text: 'This is an emergency transfer. Under the Emergency Medical Treatment and Labor Act (EMTALA), it proceeds on the physician’s certification that its medical benefits outweigh its risks and is not delayed for authorization; this letter supports your review.',
    });
  } else if (urgency === 'urgent') {
    request.push({ id: 'request-expedited', text: 'The patient’s condition is urgent: I ask for an expedited review.' });
  }
  request.push({ id: 'request-peer', text: `I am available for a peer-to-peer discussion at ${physician.phone}.` });
  blocks.push({ id: 'request', heading: 'Request', style: 'prose', paragraphs: request });
  blocks.push({
    id: 'attestation',
    heading: 'Attestation',
    style: 'prose',
    paragraphs: [
      {
        id: 'attestation',
        text: `I attest that I am the referring physician for this patient, that the information in this letter is accurate and complete to the best of my knowledge, and that in my clinical judgement the ${outpatient ? 'treatment requested' : 'transfer'} is medically necessary.`,
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
      { label: 'Request', value: careRequested },
      { label: 'Urgency', value: `${URGENCY_LABELS[urgency]}${urgency === 'urgent' ? ', expedited review requested' : urgency === 'emergent' ? ', emergency transfer (EMTALA)' : ''}` },
    ],
    salutation: 'Dear Medical Director:',
    blocks,
    closing: 'Sincerely,',
    signature: [
      [physician.name, physician.credentials].filter(Boolean).join(', '),
      `NPI ${physician.npi}`,
      `Phone ${physician.phone}`,
    ],
    enclosures: [enclosure(referring), receiving ? enclosure(receiving) : null, isAccepted(transfer) ? 'Transfer summary for the receiving team' : null].filter(
      (line): line is string => line !== null,
    ),
    footnotes: footnotes.notes,
  };
}

/** "Nov 30, 2026, 2:15 PM" from the form's local date and time, written as the physician entered it. */
function formatAcceptance(value: string): string {
  const [date, time] = value.split('T');
  return time ? `${formatDate(date!)} at ${time}` : formatDate(value);
}

function listOfPhrases(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')}; and ${items[items.length - 1]}`;
}

/* ---------------- transfer summary ---------------- */

/** One page for the receiving team: who, why, how urgent, who accepted, how the patient travels, what must not stop. */
export function composeTransferSummary(source: LetterSource): ComposedLetter {
  const { transferCase, referring, receiving, recommendation, settings } = source;
  const { patient, physician, transfer } = transferCase;
  const { medications } = transfer;
  const line = (id: string, text: string): LetterParagraph => ({ id, text });
  const recorded = (value: string, missing = 'not recorded') => (value.trim() ? value.trim() : missing);
  const urgency = recommendation.urgency;

  const blocks: LetterBlock[] = [
    {
      id: 'decision',
      heading: 'Decision',
      style: 'list',
      paragraphs: [
        line('decision-recommendation', `${RECOMMENDATION_LABELS[recommendation.level]}: ${recommendation.summary}`),
        line('decision-urgency', `Urgency: ${URGENCY_LABELS[urgency.urgency]}. ${urgency.reasons.join(' ')}`),
        line('decision-stable', `Stabilized for transfer: ${transfer.stabilized === 'not_recorded' ? 'not recorded' : transfer.stabilized}.`),
        ...(urgency.urgency === 'emergent'
          ? [
              line(
                'decision-emtala',
                transfer.emtalaCertification.certified
                  ? `EMTALA certification: ${physician.name} certifies that the medical benefits of this transfer outweigh its risks. ${transfer.emtalaCertification.benefitsAndRisks}`.trim()
                  : 'EMTALA certification: not yet signed. An emergency transfer needs the physician’s certification that its benefits outweigh its risks; insurance authorization never delays it.',
              ),
            ]
          : []),
      ],
    },
    {
      id: 'acceptance',
      heading: 'Receiving facility',
      style: 'list',
      paragraphs: [
        line('acceptance-facility', receiving ? `${receiving.facility.name}${place(receiving.facility) ? `, ${place(receiving.facility)}` : ''}${receiving.facility.phone ? `, ${receiving.facility.phone}` : ''}` : 'Not chosen yet.'),
        line(
          'acceptance-physician',
          isAccepted(transfer)
            ? `Accepted by ${transfer.acceptance.physician} on ${formatAcceptance(transfer.acceptance.acceptedAt)}${transfer.acceptance.unit ? `, to ${transfer.acceptance.unit}` : ''}.`
            : 'Acceptance: not yet recorded.',
        ),
      ],
    },
    {
      id: 'transport',
      heading: 'Transport',
      style: 'list',
      paragraphs: [
        line('transport-mode', `Mode: ${transfer.transport.mode ? TRANSPORT_MODE_LABELS[transfer.transport.mode] : 'not recorded'}.`),
        line('transport-escort', `Escort: ${recorded(transfer.transport.escort)}.`),
      ],
    },
    {
      id: 'medications',
      heading: 'Medicines that must not stop in transit',
      style: 'list',
      paragraphs: [
        line('medications-benzodiazepine', `Benzodiazepine: ${recorded(medications.benzodiazepine, 'none recorded')}.`),
        line('medications-baclofen', `Oral baclofen: ${recorded(medications.oralBaclofen, 'none recorded')}.`),
        ...(hasFlag(transferCase, 'baclofenPump')
          ? [
              line(
                'medications-pump',
                `Intrathecal baclofen pump: model ${recorded(medications.pump.model)}; dose ${recorded(medications.pump.dailyDose)}; next refill ${medications.pump.nextRefillOn ? formatDate(medications.pump.nextRefillOn) : 'not recorded'}; alarm: ${PUMP_ALARM_LABELS[medications.pump.alarm].toLowerCase()}.`,
              ),
            ]
          : []),
      ],
    },
    {
      id: 'clinical',
      heading: 'Clinical picture',
      style: 'list',
      paragraphs: [
        line('clinical-diagnosis', `Stiff person syndrome (ICD-10-CM ${SPS_ICD10}), ${transferCase.stage} stage; ${[GAD65_LABELS[transferCase.gad65], ...transferCase.otherAntibodies.map((a) => OTHER_ANTIBODY_LABELS[a])].join('; ')}.`),
        ...(transferCase.flags.length ? [line('clinical-flags', `Features: ${transferCase.flags.map((flag) => inSentence(CLINICAL_FLAG_LABELS[flag])).join('; ')}.`)] : []),
        ...source.warnings.map((warning, index) => line(`clinical-alert-${index}`, warning)),
        ...(source.needs.length ? [line('clinical-needs', `Needs: ${source.needs.map((need) => nameOf(need.capabilityId)).join(', ')}.`)] : []),
      ],
    },
  ];

  return {
    audience: 'transfer_summary',
    paperSize: settings.paperSize,
    letterhead: letterheadFor(settings, referring.facility),
    date: formatLongDate(source.date),
    recipient: receiving ? [`Receiving team, ${receiving.facility.name}`] : ['Receiving team'],
    reference: [
      { label: 'Patient', value: patient.name },
      { label: 'Date of birth', value: formatDate(patient.dateOfBirth) },
      { label: 'MRN', value: patient.mrn },
      { label: 'From', value: referring.facility.name },
      { label: 'Referring physician', value: `${physician.name}, ${physician.phone}` },
    ],
    salutation: 'Transfer summary',
    blocks,
    closing: '',
    signature: [[physician.name, physician.credentials].filter(Boolean).join(', '), `NPI ${physician.npi}`, `Phone ${physician.phone}`],
    enclosures: [],
    footnotes: [],
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

/** The letter as plain text, in reading order, without its multilingual blocks: for readability checks and searching. */
export function letterText(letter: ComposedLetter): string {
  return [
    letter.salutation,
    ...letter.blocks
      .filter((block) => block.language !== 'mixed')
      .flatMap((block) => [...(block.heading ? [block.heading] : []), ...block.paragraphs.map((p) => p.text)]),
    letter.closing,
  ].join('\n');
}
