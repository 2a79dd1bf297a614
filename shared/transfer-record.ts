import { z } from 'zod';

/**
 * The move itself, as the receiving team and a payer need it recorded: whether the patient is
 * stable, the physician's certification for an emergent transfer, who accepted the patient, how
 * they travel, and the medicines that must not stop on the way.
 */

const text = (max: number, label: string) => z.string().trim().max(max, `Keep the ${label} to ${max} characters or fewer.`).default('');

export const TRANSPORT_MODES = ['critical_care', 'als', 'bls', 'private'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];
export const TRANSPORT_MODE_LABELS: Record<TransportMode, string> = {
  critical_care: 'Critical-care transport',
  als: 'Advanced life support (ALS) ambulance',
  bls: 'Basic life support (BLS) ambulance',
  private: 'Private vehicle',
};

export const PUMP_ALARM_STATES = ['none', 'low_reservoir', 'alarm_sounding', 'unknown'] as const;
export type PumpAlarmState = (typeof PUMP_ALARM_STATES)[number];
export const PUMP_ALARM_LABELS: Record<PumpAlarmState, string> = {
  none: 'No alarm',
  low_reservoir: 'Low-reservoir alarm',
  alarm_sounding: 'Alarm sounding (other)',
  unknown: 'Not checked',
};

export const medicationContinuitySchema = z.object({
  benzodiazepine: text(200, 'benzodiazepine plan'),
  oralBaclofen: text(200, 'oral baclofen plan'),
  pump: z
    .object({
      model: text(120, 'pump model'),
      dailyDose: text(120, 'pump dose'),
      nextRefillOn: z.string().trim().max(10).default(''),
      alarm: z.enum(PUMP_ALARM_STATES).default('unknown'),
    })
    .default({ model: '', dailyDose: '', nextRefillOn: '', alarm: 'unknown' }),
});

export const transferRecordSchema = z.object({
  stabilized: z.enum(['yes', 'no', 'not_recorded']).default('not_recorded'),
  /** For an emergent transfer: the physician certifies that the medical benefits outweigh the risks (EMTALA, 42 CFR 489.24(e)). */
  emtalaCertification: z
    .object({ certified: z.boolean().default(false), benefitsAndRisks: text(2000, 'benefits and risks') })
    .default({ certified: false, benefitsAndRisks: '' }),
  acceptance: z
    .object({
      physician: text(120, 'accepting physician'),
      acceptedAt: z.string().trim().max(16).default(''),
      unit: text(120, 'unit or bed type'),
    })
    .default({ physician: '', acceptedAt: '', unit: '' }),
  transport: z
    .object({ mode: z.enum(TRANSPORT_MODES).nullable().default(null), escort: text(200, 'escort') })
    .default({ mode: null, escort: '' }),
  medications: medicationContinuitySchema.default({
    benzodiazepine: '',
    oralBaclofen: '',
    pump: { model: '', dailyDose: '', nextRefillOn: '', alarm: 'unknown' },
  }),
});
export type TransferRecord = z.output<typeof transferRecordSchema>;

export const EMPTY_TRANSFER_RECORD: TransferRecord = transferRecordSchema.parse({});

/** Whether someone at the receiving facility has accepted the patient, as recorded. */
export function isAccepted(record: TransferRecord): boolean {
  return record.acceptance.physician.trim() !== '' && record.acceptance.acceptedAt.trim() !== '';
}
