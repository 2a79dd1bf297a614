import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatrixCell } from '../../shared/capability-matrix';
import { coverageAgainst, facilityMapQuerySchema } from '../../shared/facility-map';
import { CAPABILITY_IDS, CAPABILITY_STATUSES, type CapabilityId } from '../../shared/questionnaire';

const cells = (overrides: Partial<Record<CapabilityId, Partial<MatrixCell>>> = {}) =>
  Object.fromEntries(CAPABILITY_IDS.map((id) => [id, { status: 'on_site', verifiedOn: '2026-05-01', stale: false, ...overrides[id] }])) as Record<CapabilityId, MatrixCell>;

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

  it('asks for at least one capability, each once, and a real date', () => {
    expect(facilityMapQuerySchema.safeParse({ capabilities: [] }).error?.issues[0]?.message).toBe('Choose at least one capability to map.');
    expect(facilityMapQuerySchema.safeParse({ capabilities: ['ivig', 'ivig'] }).error?.issues[0]?.message).toBe('Each capability can be chosen once.');
    expect(facilityMapQuerySchema.safeParse({ capabilities: ['ivig'], verifiedSince: '2026-02-30' }).error?.issues[0]?.message).toBe('Enter the date as YYYY-MM-DD.');
  });
});
