import { CURRENT_QUESTIONNAIRE, type CapabilityId } from '../../shared/questionnaire';

/** Each capability's short name, as the matrix heads its columns and the map names what it maps. */
export const CAPABILITY_NAMES = Object.fromEntries(CURRENT_QUESTIONNAIRE.capabilities.map((c) => [c.id, c.name])) as Record<CapabilityId, string>;
