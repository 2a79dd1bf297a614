import { formatLongDate } from './calendar';
import type { FamilyLetterFacts, FamilyLetterWording } from './family-letter-wording';

const WHEN: Record<FamilyLetterFacts['urgency'], string> = {
  emergent: 'This needs to happen today.',
  urgent: 'This should happen in the next day or two.',
  elective: 'There is time to plan this. It will likely be in the coming days.',
};

const TRAVEL: Record<NonNullable<FamilyLetterFacts['transportMode']>, string> = {
  critical_care: 'an ambulance with an intensive care team',
  als: 'an ambulance with paramedics',
  bls: 'an ambulance',
  private: 'car, with family',
};

/** Plain English for families, at or below grade 8 (tested with Flesch–Kincaid). */
export const FAMILY_LETTER_EN: FamilyLetterWording = {
  language: 'en',
  longDate: formatLongDate,
  salutation: (f) => (f.minor ? (f.guardianName ? `Dear ${f.guardianName},` : `Dear parent or guardian of ${f.patient},`) : `Dear ${f.patientFullName} and family,`),
  closing: 'With care,',
  aboutSps: (f) =>
    `We are writing about ${f.patient}'s care. Stiff person syndrome is a rare illness of the brain and spinal cord. It makes the muscles tight and can cause sudden, painful spasms.`,
  headings: {
    advice: 'Our advice',
    whyMove: 'Why we suggest a move',
    offers: (name) => `What ${name} can offer`,
    next: 'What happens next',
    bring: 'What to bring',
    pump: 'Warning signs of a pump problem',
    cost: 'Insurance and cost',
    rights: 'Your choice',
    contact: 'Who to call',
    languageHelp: 'Free language help',
  },
  stay: (f, outpatient) =>
    outpatient
      ? `Right now ${f.patient} can be cared for in our clinic, without a hospital stay, and a move to another hospital is not needed. We will keep checking, and we will tell you if that changes.`
      : `Right now ${f.patient} can get the care that is needed with us, and a move to another hospital is not needed. We will keep checking, and we will tell you if that changes.`,
  referral: (f) =>
    `${f.patient} does not need to stay in a hospital. We would like ${f.patient} to get some treatment as a visit at ${f.receivingName ?? 'another center'}, and then come home the same day. This is not because anyone here did something wrong. No one hospital can offer every kind of care.`,
  advice: (f, recommended) =>
    recommended
      ? `Our team thinks ${f.patient} should move to ${f.receivingName ?? 'a larger center'} for the next part of care.`
      : `Our team thinks a move to ${f.receivingName ?? 'a larger center'} may give ${f.patient} the best care right now.`,
  noBlame:
    'This is not because anyone here did something wrong. No one hospital can offer every kind of care. Even big city hospitals send some patients to special centers. The goal is to get the right care in the right place.',
  offers: {
    plasmapheresis: 'Plasma exchange. This treatment cleans the blood of the antibodies that attack the nerves.',
    ivig: 'IVIG. This is a drip of donor antibodies that can calm the immune system.',
    rehab_therapy: 'Skilled physical and hand therapy, to help with moving, balance and daily tasks.',
    psychiatry: 'Doctors for worry and low mood who know long illness well.',
    neuro_icu: 'An intensive care unit with a brain and nerve team, for sudden and serious problems.',
    rehab_center: 'A rehab center that takes people with rare illnesses, for the weeks after the hospital stay.',
  },
  throughPartner: ' They give this with a partner hospital, not in their own building.',
  checkBeforeMove: (name) => `We will check that ${name} still offers this before the move.`,
  next: (f) => {
    if (!f.receivingName) return `We are still choosing the best hospital for ${f.patient}. We will tell you as soon as we know, and we will plan a safe trip there.`;
    const accepted = f.acceptedBy
      ? `${f.acceptedBy.physician} at ${f.receivingName} has agreed to take over care.`
      : `We will call the team at ${f.receivingName} and send them ${f.patient}'s records. A doctor there must agree to take over care.`;
    const travel = f.transportMode ? ` ${f.patient} will travel by ${TRAVEL[f.transportMode]}.` : ' Then we will plan a safe trip there.';
    return `${accepted}${travel} ${WHEN[f.urgency]} We will tell you about each step.`;
  },
  bring: (f) => [
    `A list of all of ${f.patient}'s medicines, with the doses and the times they are taken.`,
    ...(f.hasPump ? ['The baclofen pump card, and the name and phone number of the pump clinic.'] : []),
    'Insurance cards and a photo ID.',
    'Glasses, hearing aids, a phone and its charger.',
    'Names and phone numbers of family and of other doctors.',
  ],
  // Early signs of intrathecal baclofen withdrawal (CLINICAL_REFERENCES.intrathecalBaclofenLabeling): return of
  // spasticity, itching, fever, fast heartbeat, altered mental state; the seed reports deaths after pump failure.
  pumpWarnings: [
    'The pump alarm beeps.',
    'The stiffness or spasms get much worse.',
    'Itching, fever, sweating, or a fast heartbeat.',
    'Confusion, or being very sleepy.',
    'If you see any of these, call 911 or go to the nearest emergency room. Say that the patient has a baclofen pump.',
  ],
  // The emergency sentence rests on EMTALA (CLINICAL_REFERENCES.emtala): payment is never asked before an emergency transfer.
  cost: (f) =>
    `We are asking ${f.insurer || 'the insurance plan'} to approve the move. If you have questions about cost, ask the insurance plan or our billing office.${f.urgency === 'emergent' ? ' In an emergency, the move is never held up by insurance.' : ''}`,
  rights: () =>
    'You can ask us questions at any time. You can also say no to the move. If you do, we will keep caring for your family member here, and we will talk with you about the risks.',
  contact: (f) =>
    `If you have questions, please call ${f.contactName} at ${f.contactPhone}.${f.hospitalPhone ? ` You can also call the hospital at ${f.hospitalPhone}.` : ''} No question is too small.`,
};
