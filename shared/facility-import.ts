import { z } from 'zod';

/** Facility fields a CSV column can fill. */
export const IMPORT_FIELDS = [
  'name', 'ccn', 'address', 'city', 'state', 'zip', 'county', 'phone', 'facilityType', 'ownership', 'latitude', 'longitude',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: 'Facility name',
  ccn: 'CCN (CMS Certification Number)',
  address: 'Address',
  city: 'City',
  state: 'State',
  zip: 'ZIP code',
  county: 'County',
  phone: 'Phone',
  facilityType: 'Type',
  ownership: 'Ownership',
  latitude: 'Latitude',
  longitude: 'Longitude',
};

export type ImportFormat = 'cms-older' | 'cms-newer' | 'custom';

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  'cms-older': 'CMS Hospital General Information (older headers: Provider ID, Hospital Name, …)',
  'cms-newer': 'CMS Hospital General Information (newer headers: Facility ID, Facility Name, …)',
  custom: 'Other CSV: choose which column holds what',
};

/** Field → the CSV header that fills it (or null). */
export type ColumnMapping = Partial<Record<ImportField, string | null>>;

export const CMS_MAPPINGS: Record<Exclude<ImportFormat, 'custom'>, Record<ImportField, string | null>> = {
  'cms-older': {
    ccn: 'Provider ID',
    name: 'Hospital Name',
    address: 'Address',
    city: 'City',
    state: 'State',
    zip: 'ZIP Code',
    county: 'County Name',
    phone: 'Phone Number',
    facilityType: 'Hospital Type',
    ownership: 'Hospital Ownership',
    latitude: null,
    longitude: null,
  },
  'cms-newer': {
    ccn: 'Facility ID',
    name: 'Facility Name',
    address: 'Address',
    city: 'City/Town',
    state: 'State',
    zip: 'ZIP Code',
    county: 'County/Parish',
    phone: 'Telephone Number',
    facilityType: 'Hospital Type',
    ownership: 'Hospital Ownership',
    latitude: null,
    longitude: null,
  },
};

export const MAX_IMPORT_CHARACTERS = 30 * 1024 * 1024;

export const facilityImportSchema = z.object({
  csv: z
    .string({ error: 'Choose a CSV file to import.' })
    .min(1, 'The file is empty. Choose a CSV file with a header row and at least one facility.')
    .max(MAX_IMPORT_CHARACTERS, 'The file is larger than 30 MB. Split it and import the parts one after another.'),
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200).nullable()).nullable().default(null),
});

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportPlanSummary {
  format: ImportFormat;
  headers: string[];
  mapping: ColumnMapping;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** The first rows as they would be stored, for the preview. */
  sample: { line: number; ccn: string | null; name: string; city: string; state: string; zip: string; action: 'add' | 'update' | 'unchanged' }[];
}
