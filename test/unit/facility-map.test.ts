import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DetailValue } from '../../shared/assessment';
import { cellLimitation, type MatrixCell } from '../../shared/capability-matrix';
import { coverageAgainst, facilityMapQuerySchema } from '../../shared/facility-map';
import {
  CAPABILITY_IDS,
  CAPABILITY_STATUSES,
  CURRENT_QUESTIONNAIRE,
  DEFAULT_START_WITHIN_DAYS,
  capabilityQuestion,
  type CapabilityId,
  type CapabilityStatus,
  type DetailQuestion,
} from '../../shared/questionnaire';

const cells = (overrides: Partial<Record<CapabilityId, Partial<MatrixCell>>> = {}) =>
  Object.fromEntries(CAPABILITY_IDS.map((id) => [id, { status: 'on_site', verifiedOn: '2026-05-01', stale: false, limitation: null, ...overrides[id] }])) as Record<
    CapabilityId,
    MatrixCell
  >;

/** A cell as the core builds it from a standing profile: its details judged for any patient. */
const judgedCell = (id: CapabilityId, status: CapabilityStatus, details: Record<string, DetailValue>): MatrixCell => ({
  status,
  verifiedOn: '2026-05-01',
  stale: false,
  limitation: cellLimitation(id, status, details, 1),
});

/** The questionnaire's own test, stated plainly: a detail every patient needs, answered against the capability. */
function answeredAgainst(detail: DetailQuestion, value: DetailValue | undefined): boolean {
  if (!detail.requirement?.when.includes('always') || value === undefined || value === 'unknown') return false;
  return detail.kind === 'days' ? typeof value === 'number' && value > DEFAULT_START_WITHIN_DAYS : value !== detail.favourable;
}

const detailAnswer = (detail: DetailQuestion): fc.Arbitrary<DetailValue | undefined> =>
  detail.kind === 'days' ? fc.option(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant('unknown' as const)), { nil: undefined }) : fc.option(fc.constantFrom('yes', 'no', 'unknown'), { nil: undefined });

/** Any answers to a capability's details, some left unanswered as in an older assessment. */
const detailsOf = (id: CapabilityId): fc.Arbitrary<Record<string, DetailValue>> =>
  fc
    .tuple(...capabilityQuestion(CURRENT_QUESTIONNAIRE, id).details.map(detailAnswer))
    .map((values) => Object.fromEntries(capabilityQuestion(CURRENT_QUESTIONNAIRE, id).details.flatMap((detail, index) => (values[index] === undefined ? [] : [[detail.id, values[index]]]))));

describe('map coverage against the chosen capabilities', () => {
  it('sorts facilities into on site, with a partner, gap and not assessed', () => {
    expect(coverageAgainst(null, ['ivig'], null)).toEqual({ coverage: 'unassessed', shortfalls: [] });
    expect(coverageAgainst(cells(), ['plasmapheresis', 'neuro_icu'], null)).toEqual({ coverage: 'on_site', shortfalls: [] });
    expect(coverageAgainst(cells({ ivig: { status: 'via_partner' } }), ['plasmapheresis', 'ivig'], null).coverage).toBe('with_partner');
    // A capability not chosen does not count against the facility.
    expect(coverageAgainst(cells({ psychiatry: { status: 'not_available' } }), ['plasmapheresis'], null).coverage).toBe('on_site');
    expect(coverageAgainst(cells({ neuro_icu: { status: 'not_available' }, ivig: { status: 'unknown' } }), ['ivig', 'neuro_icu'], null)).toEqual({
      coverage: 'gap',
      shortfalls: [
        { capability: 'ivig', reason: 'unknown' },
        { capability: 'neuro_icu', reason: 'not_available' },
      ],
    });
  });

  it('counts a chosen capability verified before the date asked for as a gap', () => {
    const result = coverageAgainst(cells({ neuro_icu: { verifiedOn: '2025-12-31' } }), ['plasmapheresis', 'neuro_icu'], '2026-01-01');
    expect(result).toEqual({ coverage: 'gap', shortfalls: [{ capability: 'neuro_icu', reason: 'not_verified_since' }] });
    expect(coverageAgainst(cells({ neuro_icu: { verifiedOn: '2026-01-01' } }), ['neuro_icu'], '2026-01-01').coverage).toBe('on_site');
  });

  it('agrees with the rule stated plainly, for any statuses and any chosen set', () => {
    const status = fc.constantFrom(...CAPABILITY_STATUSES);
    fc.assert(
      fc.property(fc.array(status, { minLength: 6, maxLength: 6 }), fc.subarray([...CAPABILITY_IDS], { minLength: 1 }), (statuses, chosen) => {
        const profile = cells(Object.fromEntries(CAPABILITY_IDS.map((id, index) => [id, { status: statuses[index] }])));
        const chosenStatuses = chosen.map((id) => profile[id].status);
        const { coverage, shortfalls } = coverageAgainst(profile, chosen, null);
        if (chosenStatuses.every((s) => s === 'on_site')) expect(coverage).toBe('on_site');
        else if (chosenStatuses.every((s) => s === 'on_site' || s === 'via_partner')) expect(coverage).toBe('with_partner');
        else expect(coverage).toBe('gap');
        expect(shortfalls.length).toBe(chosenStatuses.filter((s) => s === 'not_available' || s === 'unknown').length);
      }),
    );
  });

  it('never counts a chosen capability whose required detail is answered against it as covering, and names the detail', () => {
    const answer = fc.record(Object.fromEntries(CAPABILITY_IDS.map((id) => [id, fc.record({ status: fc.constantFrom(...CAPABILITY_STATUSES), details: detailsOf(id) })])) as {
      [K in CapabilityId]: fc.Arbitrary<{ status: CapabilityStatus; details: Record<string, DetailValue> }>;
    });
    let decided = 0;
    fc.assert(
      fc.property(answer, fc.subarray([...CAPABILITY_IDS], { minLength: 1 }), fc.option(fc.constant('2026-01-01'), { nil: null }), (answers, chosen, since) => {
        const profile = Object.fromEntries(CAPABILITY_IDS.map((id) => [id, judgedCell(id, answers[id].status, answers[id].details)])) as Record<CapabilityId, MatrixCell>;
        const { coverage, shortfalls } = coverageAgainst(profile, chosen, since);
        for (const id of chosen) {
          const against = capabilityQuestion(CURRENT_QUESTIONNAIRE, id).details.filter((detail) => answeredAgainst(detail, answers[id].details[detail.id]));
          if (against.length === 0 || (answers[id].status !== 'on_site' && answers[id].status !== 'via_partner')) continue;
          decided += 1;
          expect(coverage).toBe('gap');
          const shortfall = shortfalls.find((entry) => entry.capability === id);
          expect(shortfall?.reason).toBe('details_against');
          for (const detail of against) expect(shortfall?.details?.join(' ')).toContain(detail.label);
        }
      }),
      { numRuns: 300 },
    );
    expect(decided, 'the generated answers often put a required detail against an offered capability').toBeGreaterThan(100);
  });

  it('counts an offered capability with a required detail answered "not sure" as not covering either', () => {
    const unsure = judgedCell('neuro_icu', 'on_site', { neuroCoverage: 'unknown', mostlyCardiacRespiratory: 'no' });
    expect(coverageAgainst(cells({ neuro_icu: unsure }), ['neuro_icu'], null)).toEqual({
      coverage: 'gap',
      shortfalls: [{ capability: 'neuro_icu', reason: 'details_not_sure', details: ['“Neurology or neurocritical care covers the ICU” answered Not sure'] }],
    });
    // Details left unanswered by an older assessment are not held against it.
    expect(coverageAgainst(cells({ neuro_icu: judgedCell('neuro_icu', 'on_site', {}) }), ['neuro_icu'], null).coverage).toBe('on_site');
    const cardiac = judgedCell('neuro_icu', 'via_partner', { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'yes' });
    expect(coverageAgainst(cells({ neuro_icu: cardiac }), ['neuro_icu', 'ivig'], null).shortfalls).toEqual([
      { capability: 'neuro_icu', reason: 'details_against', details: ['“ICU mostly does cardiac, respiratory or end-of-life care” answered Yes'] },
    ]);
  });

  it('asks for at least one capability, each once, and a real date', () => {
    expect(facilityMapQuerySchema.safeParse({ capabilities: [] }).error?.issues[0]?.message).toBe('Choose at least one capability to map.');
    expect(facilityMapQuerySchema.safeParse({ capabilities: ['ivig', 'ivig'] }).error?.issues[0]?.message).toBe('Each capability can be chosen once.');
    expect(facilityMapQuerySchema.safeParse({ capabilities: ['ivig'], verifiedSince: '2026-02-30' }).error?.issues[0]?.message).toBe('Enter the date as YYYY-MM-DD.');
  });
});
