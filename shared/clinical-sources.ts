/**
 * Where every clinical sentence in shared/ comes from. A rule, a question or a letter that states a
 * clinical fact names one of these, and the Questions page lists them, so a reviewer can trace any
 * sentence the app shows back to the document it rests on.
 */
export const CLINICAL_REFERENCES = {
  seed: {
    short: 'Rodgers-Neame 2023',
    citation:
      'Rodgers-Neame NT; Lorenzo N (chief ed.). “Stiff Person Syndrome Treatment & Management.” Clinical review, updated 6 September 2023.',
  },
  ivigLabeling: {
    short: 'IVIG prescribing information',
    citation:
      'U.S. prescribing information of current IVIG products (for example Privigen, Gamunex-C, Gammagard Liquid), section 4 Contraindications: IgA-deficient patients with antibodies against IgA and a history of hypersensitivity; low-IgA products exist (Gammagard S/D).',
  },
  intrathecalBaclofenLabeling: {
    short: 'Intrathecal baclofen boxed warning',
    citation:
      'U.S. prescribing information of intrathecal baclofen (Lioresal Intrathecal, Gablofen), boxed warning: abrupt discontinuation, including pump or catheter failure, has led to high fever, altered mental state, rebound spasticity and muscle rigidity, rhabdomyolysis, multiple organ failure and death.',
  },
  benzodiazepineBoxedWarning: {
    short: 'FDA benzodiazepine boxed warning, 2020',
    citation:
      'U.S. Food and Drug Administration, Drug Safety Communication of 23 September 2020: boxed warning for all benzodiazepines on dependence and withdrawal; abrupt stopping or rapid dose reduction can cause life-threatening withdrawal reactions, including seizures.',
  },
  amphiphysin: {
    short: 'Murinson & Guarnaccia 2008',
    citation:
      'Murinson BB, Guarnaccia JB. “Stiff-person syndrome with amphiphysin antibodies: distinctive features of a rare disease.” Neurology 2008;71(24):1955–1958 (amphiphysin antibodies point to a paraneoplastic cause, most often breast or small-cell lung cancer).',
  },
  glycineReceptor: {
    short: 'Carvajal-González et al. 2014',
    citation:
      'Carvajal-González A, et al. “Glycine receptor antibodies in PERM and related syndromes: characteristics, clinical features and outcomes.” Brain 2014;137(8):2178–2192 (brainstem signs, autonomic failure and breathing involvement; intensive care often needed).',
  },
  antibodyNegative: {
    short: 'Dalakas 2009',
    citation:
      'Dalakas MC. “Stiff person syndrome: advances in pathogenesis and therapeutic interventions.” Current Treatment Options in Neurology 2009;11(2):102–110 (a minority of patients carry no detectable antibody; the diagnosis rests on the clinical picture and continuous motor-unit activity on EMG).',
  },
  suicideRisk: {
    short: 'Joint Commission NPSG 15.01.01',
    citation:
      'The Joint Commission, National Patient Safety Goal 15.01.01: reduce the risk of suicide (screen, assess, and provide a safe setting and mental-health follow-up for patients at risk).',
  },
  pregnancyLabeling: {
    short: 'Diazepam and baclofen labeling, section 8.1',
    citation:
      'U.S. prescribing information of diazepam and of baclofen, section 8.1 Pregnancy and 8.2 Lactation: use in pregnancy and breastfeeding needs a weighed decision and newborn monitoring for sedation and withdrawal.',
  },
  pediatricConsent: {
    short: 'AAP informed-consent statement, 2016',
    citation:
      'Katz AL, Webb SA; American Academy of Pediatrics Committee on Bioethics. “Informed Consent in Decision-Making in Pediatric Practice.” Pediatrics 2016;138(2):e20161485 (parents or guardians give permission for a minor’s care; the child’s assent is sought).',
  },
  emtala: {
    short: 'EMTALA, 42 CFR 489.24',
    citation:
      'Emergency Medical Treatment and Labor Act, 42 U.S.C. 1395dd, and 42 CFR 489.24(d)(4) and (e): a hospital may not delay screening or stabilizing care to ask about payment, and an emergency transfer of an unstabilized patient needs the physician’s certification that its medical benefits outweigh its risks.',
  },
  stageRule: {
    short: 'TransferReady rule',
    citation:
      'A rule of this app, not a clinical finding: it applies the source’s questions to a case and is stated beside each result so a physician can disagree and record why.',
  },
} as const;

export type ClinicalReferenceId = keyof typeof CLINICAL_REFERENCES;

export function referenceShort(id: ClinicalReferenceId): string {
  return CLINICAL_REFERENCES[id].short;
}
