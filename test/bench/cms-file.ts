// A deterministic, plausible CMS "Hospital General Information" file (newer headers) for benchmarks.
import { seededRandom } from '../../electron/core/scale-data';

export { seededRandom };

const STATES = ['AL', 'AK', 'AZ', 'CA', 'CO', 'CT', 'FL', 'GA', 'IL', 'MA', 'ME', 'MI', 'MN', 'NJ', 'NY', 'NC', 'OH', 'OR', 'PA', 'TX', 'VT', 'WA', 'WI'];
const CITIES = ['Springfield', 'Riverside', 'Franklin', 'Greenville', 'Madison', 'Clinton', 'Salem', 'Fairview', 'Georgetown', 'Ashland', 'Burlington', 'Oxford'];
const NAMES = ['Regional Medical Center', 'General Hospital', 'University Hospital', 'Community Hospital', 'Memorial Hospital', 'Medical Center', "Children's Hospital", 'Rehabilitation Hospital'];
const TYPES = ['Acute Care Hospitals', 'Critical Access Hospitals', 'Psychiatric', 'Childrens', 'Acute Care - Veterans Administration'];
const OWNERSHIP = ['Voluntary non-profit - Private', 'Government - Hospital District or Authority', 'Proprietary', 'Government - State', 'Voluntary non-profit - Church'];

export const CMS_NEWER_HEADER =
  'Facility ID,Facility Name,Address,City/Town,State,ZIP Code,County/Parish,Telephone Number,Hospital Type,Hospital Ownership,Emergency Services,Meets criteria for birthing friendly designation,Hospital overall rating';

export interface GeneratedHospital {
  ccn: string;
  name: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  county: string;
  phone: string;
  facilityType: string;
  ownership: string;
}

export function generateHospitals(count: number, seed = 42): GeneratedHospital[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const city = pick(CITIES);
    const digits = (n: number) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
    return {
      ccn: String(index + 1).padStart(6, '0'),
      name: `${city} ${pick(NAMES)} ${index + 1}`,
      address: `${100 + Math.floor(random() * 9000)} ${pick(['Main', 'Oak', 'Hospital', 'Medical Center'])} ${pick(['St', 'Ave', 'Dr', 'Blvd'])}`,
      city: city.toUpperCase(),
      state: pick(STATES),
      zip: digits(5),
      county: `${pick(CITIES).toUpperCase()}`,
      phone: `(${200 + Math.floor(random() * 700)}) ${digits(3)}-${digits(4)}`,
      facilityType: pick(TYPES),
      ownership: pick(OWNERSHIP),
    };
  });
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCmsCsv(hospitals: GeneratedHospital[]): string {
  const lines = hospitals.map((h) =>
    [h.ccn, h.name, h.address, h.city, h.state, h.zip, h.county, h.phone, h.facilityType, h.ownership, 'Yes', 'Y', '3'].map(csvCell).join(','),
  );
  return `${CMS_NEWER_HEADER}\r\n${lines.join('\r\n')}\r\n`;
}
