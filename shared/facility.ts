import { z } from 'zod';
import { isUsStateCode } from './us-states';
import { NO_SUCH_RECORD, RECORD_ID_MAX } from './validation';

export const FACILITY_NAME_MAX = 200;

export const facilityIdSchema = z
  .number({ error: 'A facility id is required.' })
  .int('A facility id is a whole number.')
  .positive('A facility id is a positive number.')
  .max(RECORD_ID_MAX, NO_SUCH_RECORD);

export const facilityNameSchema = z
  .string({ error: 'Enter the facility name.' })
  .trim()
  .min(1, 'Enter the facility name.')
  .max(FACILITY_NAME_MAX, `Keep the facility name to ${FACILITY_NAME_MAX} characters or fewer.`);

export interface Facility {
  id: number;
  /** CMS Certification Number: six characters kept as text so leading zeros survive. */
  ccn: string | null;
  name: string;
  facilityType: string;
  ownership: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  county: string;
  phone: string;
  latitude: number | null;
  longitude: number | null;
  notes: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FacilityListItem extends Facility {
  /** When its capability profile (latest finalized assessment) was finalized, if ever. */
  profileFinalizedAt: string | null;
  hasDraft: boolean;
}

const text = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `Keep the ${label.toLowerCase()} to ${max} characters or fewer.`)
    .default('');

const coordinate = (limit: number, label: string) =>
  z
    .number({ error: `${label} must be a number.` })
    .min(-limit, `${label} must be between -${limit} and ${limit}.`)
    .max(limit, `${label} must be between -${limit} and ${limit}.`)
    .nullable()
    .default(null);

/** The editable fields of a facility, as a form or an import row provides them. */
export const facilityRecordSchema = z
  .object({
    name: facilityNameSchema,
    ccn: z
      .string({ error: 'The CCN must be text.' })
      .trim()
      .toUpperCase()
      .refine((value) => value === '' || /^[0-9A-Z]{6}$/.test(value), {
        message: 'A CCN has exactly six letters or digits, e.g. 010001 (keep leading zeros).',
      })
      .transform((value) => (value === '' ? null : value))
      .nullable()
      .default(null),
    facilityType: text(120, 'Type'),
    ownership: text(120, 'Ownership'),
    address: text(200, 'Address'),
    city: text(100, 'City'),
    state: z
      .string({ error: 'The state must be text.' })
      .trim()
      .toUpperCase()
      .refine((value) => value === '' || isUsStateCode(value), {
        message: 'Use the two-letter postal code of a US state or territory, e.g. AL.',
      })
      .default(''),
    zip: z
      .string({ error: 'The ZIP code must be text.' })
      .trim()
      .refine((value) => value === '' || /^\d{5}(-\d{4})?$/.test(value), {
        message: 'A ZIP code has five digits (or ZIP+4). If it has four, a leading zero was probably lost in a spreadsheet.',
      })
      .default(''),
    county: text(100, 'County'),
    phone: z
      .string({ error: 'The phone number must be text.' })
      .trim()
      .max(40, 'Keep the phone number to 40 characters or fewer.')
      .refine((value) => value === '' || /^[0-9+()\-.\s]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i.test(value), {
        message: 'Use digits, spaces and ( ) - + only, e.g. (205) 555-0100.',
      })
      .default(''),
    latitude: coordinate(90, 'Latitude'),
    longitude: coordinate(180, 'Longitude'),
    notes: text(5000, 'Notes'),
  })
  .refine((record) => (record.latitude === null) === (record.longitude === null), {
    message: 'Enter both latitude and longitude, or neither.',
    path: ['longitude'],
  });

export type FacilityRecord = z.output<typeof facilityRecordSchema>;

export const FACILITY_LIST_LIMIT = 500;

export const listFacilitiesSchema = z.object({
  includeArchived: z.boolean().default(false),
  search: z.string().trim().max(200).default(''),
  state: z.string().trim().max(2).default(''),
  facilityType: z.string().trim().max(120).default(''),
  limit: z.number().int().min(1).max(FACILITY_LIST_LIMIT).default(FACILITY_LIST_LIMIT),
});

export interface FacilityList {
  items: FacilityListItem[];
  /** All that match the filters, of which `items` holds the first `limit`. */
  total: number;
}

export interface FacilityFacets {
  states: string[];
  facilityTypes: string[];
}

export const createFacilitySchema = facilityRecordSchema;

export const updateFacilitySchema = z.object({
  id: facilityIdSchema,
  record: facilityRecordSchema,
});

export const renameFacilitySchema = z.object({
  id: facilityIdSchema,
  name: facilityNameSchema,
});

export const setFacilityArchivedSchema = z.object({
  id: facilityIdSchema,
  archived: z.boolean({ error: 'Say whether the facility is archived (true or false).' }),
});
