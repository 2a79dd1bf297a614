import { z } from 'zod';

export const FACILITY_NAME_MAX = 200;

export const facilityIdSchema = z
  .number({ error: 'A facility id is required.' })
  .int('A facility id is a whole number.')
  .positive('A facility id is a positive number.');

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

export const listFacilitiesSchema = z.object({
  includeArchived: z.boolean().default(false),
});

export const createFacilitySchema = z.object({
  name: facilityNameSchema,
});

export const renameFacilitySchema = z.object({
  id: facilityIdSchema,
  name: facilityNameSchema,
});

export const setFacilityArchivedSchema = z.object({
  id: facilityIdSchema,
  archived: z.boolean({ error: 'Say whether the facility is archived (true or false).' }),
});
