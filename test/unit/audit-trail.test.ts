import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditChanges, auditEntityLabel } from '../../shared/audit-trail';

const facility = {
  id: 7,
  ccn: '010001',
  name: 'Southeast Regional Medical Center',
  phone: '3347938701',
  latitude: null,
  notes: '',
  archived: false,
  createdAt: '2026-01-02T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:00.000Z',
};

describe('what an audit event changed, as people read it', () => {
  it('lists only the fields an update changed, leaving out the entity id and timestamps the event already shows', () => {
    const after = { ...facility, name: 'Southeast Health Medical Center', phone: '(334) 793-8701', updatedAt: '2026-11-24T05:00:00.000Z' };
    expect(auditChanges({ action: 'import-update', before: JSON.stringify(facility), after: JSON.stringify(after) })).toEqual([
      { field: 'Name', before: 'Southeast Regional Medical Center', after: 'Southeast Health Medical Center' },
      { field: 'Phone', before: '3347938701', after: '(334) 793-8701' },
    ]);
  });

  it('lists every field that was set when something is created, with readable names', () => {
    const changes = auditChanges({ action: 'create', before: null, after: JSON.stringify(facility) });
    expect(changes).toEqual([
      { field: 'CCN', before: null, after: '010001' },
      { field: 'Name', before: null, after: 'Southeast Regional Medical Center' },
      { field: 'Phone', before: null, after: '3347938701' },
      { field: 'Archived', before: null, after: 'no' },
    ]);
  });

  it('says a value was removed when a field is cleared', () => {
    expect(auditChanges({ action: 'update', before: JSON.stringify({ phone: '555' }), after: JSON.stringify({ phone: '' }) })).toEqual([
      { field: 'Phone', before: '555', after: null },
    ]);
  });

  it('words an answer as the questionnaire does: status, method and detail questions', () => {
    const before = { status: 'not_available', details: { daysToStart: 7, onSiteService: 'no' }, verificationMethod: 'phone' };
    const after = { status: 'on_site', details: { daysToStart: 2, onSiteService: 'yes' }, verificationMethod: 'site_visit' };
    const changes = auditChanges({ action: 'answer:plasmapheresis', before: JSON.stringify(before), after: JSON.stringify(after) });
    expect(changes).toEqual([
      { field: 'Status', before: 'Not available', after: 'On site' },
      { field: 'Details › Days until a series can usually start', before: '7', after: '2' },
      { field: 'Details › An apheresis service works on site', before: 'no', after: 'yes' },
      { field: 'Verification method', before: 'Phone call', after: 'Site visit' },
    ]);
  });

  it('reads lists, and keeps a value that is not JSON as it was stored', () => {
    expect(auditChanges({ action: 'update', before: null, after: JSON.stringify({ fields: ['mrn', 'insurer'] }) })).toEqual([{ field: 'Fields', before: null, after: 'mrn, insurer' }]);
    expect(auditChanges({ action: 'update', before: 'old text', after: 'new text' })).toEqual([{ field: 'Value', before: 'old text', after: 'new text' }]);
    expect(auditChanges({ action: 'update', before: '{"a":1}', after: '{"a":1}' })).toEqual([]);
  });

  it('names actions and entities in words, and leaves unknown ones as stored', () => {
    expect(auditActionLabel('answer:neuro_icu')).toBe('Answer: Neurologic ICU');
    expect(auditActionLabel('import-update')).toBe('Updated by an import');
    expect(auditActionLabel('answer:unknown')).toBe('answer:unknown');
    expect(auditActionLabel('something-new')).toBe('something-new');
    expect(auditEntityLabel('case')).toBe('Transfer case');
    expect(auditEntityLabel('gadget')).toBe('gadget');
  });
});
