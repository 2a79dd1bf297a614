import { describe, expect, it } from 'vitest';
import { CALL_NAMES, contract, isCallName } from '../../shared/contract';
import { facilityNameSchema } from '../../shared/facility';
import { userProfileSchema } from '../../shared/profile-schema';
import { describeInvalidInput } from '../../shared/validation';

describe('the contract', () => {
  it('declares every call with an input schema', () => {
    expect(CALL_NAMES.length).toBeGreaterThan(0);
    for (const name of CALL_NAMES) expect(typeof contract[name].input.safeParse).toBe('function');
  });

  it('knows its own call names and nothing inherited', () => {
    expect(isCallName('listFacilities')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
    expect(isCallName(42)).toBe(false);
  });
});

describe('facility names', () => {
  it('trims surrounding white space', () => {
    expect(facilityNameSchema.parse('  St. Agnes  ')).toBe('St. Agnes');
  });
  it('keeps 200 characters and refuses 201', () => {
    expect(facilityNameSchema.safeParse('a'.repeat(200)).success).toBe(true);
    expect(facilityNameSchema.safeParse('a'.repeat(201)).success).toBe(false);
  });
  it('measures the trimmed name', () => {
    expect(facilityNameSchema.safeParse(` ${'a'.repeat(200)} `).success).toBe(true);
  });
});

describe('invalid input, described for a person', () => {
  it('leads with the first problem and counts the rest', () => {
    const result = userProfileSchema.safeParse({ name: '', role: 'nobody' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const failure = describeInvalidInput(result.error);
    expect(failure.code).toBe('invalid_input');
    expect(failure.message).toBe('Enter your name. (and 1 more problem)');
    expect(failure.fields.map((field) => field.field)).toEqual(['name', 'role']);
  });
});
