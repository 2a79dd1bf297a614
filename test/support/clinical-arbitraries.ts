import fc from 'fast-check';
import type { CapabilityProfile, DetailValue } from '../../shared/assessment';
import { CAPABILITY_IDS, CAPABILITY_STATUSES, CURRENT_QUESTIONNAIRE, type CapabilityId } from '../../shared/questionnaire';
import { CASE_STAGES, CLINICAL_FLAGS, GAD65_STATUSES, OTHER_ANTIBODIES, URGENCIES, type TransferCaseDetails } from '../../shared/transfer-case';
import { caseFacts, profile } from './clinical-fixtures';

/** Random cases and profiles for property tests of the clinical rules and the letters built on them. */
const detailValue = fc.constantFrom<DetailValue | undefined>('yes', 'no', 'unknown', undefined, 0, 3, 9, 30);

export const arbitraryProfile: fc.Arbitrary<CapabilityProfile | null> = fc.option(
  fc
    .record({
      specs: fc.array(
        fc.record({
          status: fc.constantFrom(...CAPABILITY_STATUSES),
          stale: fc.boolean(),
          details: fc.dictionary(
            fc.constantFrom(...CURRENT_QUESTIONNAIRE.capabilities.flatMap((c) => c.details.map((d) => d.id))),
            detailValue,
          ),
        }),
        { minLength: 6, maxLength: 6 },
      ),
    })
    .map(({ specs }) =>
      profile(
        Object.fromEntries(
          CAPABILITY_IDS.map((id, index) => {
            const spec = specs[index]!;
            const details = Object.fromEntries(Object.entries(spec.details).filter(([, value]) => value !== undefined)) as Record<string, DetailValue>;
            return [id, { status: spec.status, stale: spec.stale, details }];
          }),
        ),
      ),
    ),
  { nil: null },
);

export const arbitraryFacts: fc.Arbitrary<TransferCaseDetails> = fc
  .record({
    stage: fc.constantFrom(...CASE_STAGES),
    flags: fc.subarray([...CLINICAL_FLAGS]),
    gad65: fc.constantFrom(...GAD65_STATUSES),
    otherAntibodies: fc.subarray([...OTHER_ANTIBODIES]),
    plasmaExchangeWithinDays: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    urgencyOverride: fc.option(fc.record({ urgency: fc.constantFrom(...URGENCIES), reason: fc.constant('Physician judgement') }), { nil: null }),
    added: fc.subarray([...CAPABILITY_IDS]),
  })
  .map(({ added, ...rest }) =>
    caseFacts({ ...rest, needOverrides: added.map((capabilityId: CapabilityId) => ({ capabilityId, action: 'add' as const, reason: 'Physician added' })) }),
  );

