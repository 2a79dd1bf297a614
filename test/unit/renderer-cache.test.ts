import { describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../shared/contract';
import { INVALIDATED_BY, invalidatedBy, isReadCall, READ_CALLS, type WriteCall } from '../../renderer/src/calls/invalidation';
import { queryKeyFor, queryKeysOf } from '../../renderer/src/calls/query-keys';

describe('the query-key scheme', () => {
  it('keys a read by its call name and its input', () => {
    expect(queryKeyFor('getFacilityOverview', { facilityId: 7 })).toEqual(['getFacilityOverview', { facilityId: 7 }]);
    expect(queryKeyFor('listCases', {})).toEqual(['listCases', {}]);
  });

  it('names every input of a call by the call name alone, the prefix of each of its keys', () => {
    const key = queryKeyFor('diffAssessments', { fromId: 1, toId: 2 });
    expect(key.slice(0, queryKeysOf('diffAssessments').length)).toEqual([...queryKeysOf('diffAssessments')]);
  });

  it('gives different inputs different keys and equal inputs equal keys', () => {
    expect(queryKeyFor('getCaseWorkup', { caseId: 1 })).not.toEqual(queryKeyFor('getCaseWorkup', { caseId: 2 }));
    expect(queryKeyFor('getCaseWorkup', { caseId: 1 })).toEqual(queryKeyFor('getCaseWorkup', { caseId: 1 }));
  });
});

describe('the invalidation map', () => {
  const writes = CALL_NAMES.filter((name) => !isReadCall(name)) as WriteCall[];

  it('sorts every call of the contract into a read or a write with its invalidations', () => {
    expect(new Set([...READ_CALLS, ...Object.keys(INVALIDATED_BY)])).toEqual(new Set(CALL_NAMES));
    expect(Object.keys(INVALIDATED_BY).sort()).toEqual([...writes].sort());
    for (const read of READ_CALLS) expect(CALL_NAMES).toContain(read);
  });

  it('invalidates only reads, each once', () => {
    for (const write of writes) {
      const reads = invalidatedBy(write);
      expect(reads.every((name: CallName) => isReadCall(name))).toBe(true);
      expect(new Set(reads).size).toBe(reads.length);
    }
  });

  it('puts every write in the audit trail', () => {
    for (const write of writes) expect(invalidatedBy(write)).toContain('listAuditEvents');
  });

  it.each<[WriteCall, string[]]>([
    ['finalizeAssessment', ['getFacilityOverview', 'capabilityMatrix', 'coverageSummary', 'facilityMap', 'getCaseWorkup', 'getAssessment']],
    ['amendAssessment', ['getFacilityOverview', 'getAssessment']],
    ['updateCase', ['getCaseWorkup', 'listCases']],
    ['issueLetter', ['getLetter', 'getCaseWorkup']],
    ['saveSettings', ['getSession']],
    ['saveProfile', ['getSession']],
    ['updateFacility', ['getFacilityOverview', 'listFacilities', 'capabilityMatrix']],
    ['importFacilities', ['listFacilities', 'facilityFacets', 'previewFacilityImport']],
    ['createFacility', ['previewFacilityImport']],
  ])('%s refetches what it changes', (write, reads) => {
    expect(invalidatedBy(write)).toEqual(expect.arrayContaining(reads));
  });

  it("refetches the matrix's first rows wherever it refetches the whole matrix", () => {
    for (const write of writes) {
      expect(invalidatedBy(write).includes('capabilityMatrixFirstRows'), write).toBe(invalidatedBy(write).includes('capabilityMatrix'));
    }
  });

  it('keeps an answer being typed from refetching anything on screen: the draft takes the saved answer from the reply', () => {
    expect(invalidatedBy('saveAnswer')).toEqual(['listAuditEvents', 'auditFacets']);
  });

  it('refetches everything after a restore', () => {
    expect(new Set(invalidatedBy('restoreBackup'))).toEqual(new Set(READ_CALLS));
    expect(new Set(invalidatedBy('restoreJsonBackup'))).toEqual(new Set(READ_CALLS));
  });
});
