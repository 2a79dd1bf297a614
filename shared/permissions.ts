import type { UserProfile, UserRole } from './profile';

/**
 * Who may do what on a shared registry. The server decides for every call with `decideAccess`;
 * the renderer asks the same function only to hide what a role cannot do.
 */
export const REGISTRY_ROLES = ['registry_admin', 'assessor', 'physician', 'quality_analyst'] as const;
export type RegistryRole = (typeof REGISTRY_ROLES)[number];

export const REGISTRY_ROLE_LABELS: Record<RegistryRole, string> = {
  registry_admin: 'Registry administrator',
  assessor: 'Assessor',
  physician: 'Physician',
  quality_analyst: 'Quality analyst',
};

/** Assessors always work for listed facilities; a physician may be granted on facilities to see their cases. */
export const FACILITY_SCOPED_ROLES: ReadonlySet<RegistryRole> = new Set(['assessor', 'physician']);
export const FACILITY_REQUIRED_ROLES: ReadonlySet<RegistryRole> = new Set(['assessor']);

export interface RoleGrant {
  role: RegistryRole;
  /** The facility the grant is limited to; null for registry-wide roles and unscoped physicians. */
  facilityId: number | null;
}

/** What the provider's verified ID token says about the person; never typed by them. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
}

/**
 * The one on whose behalf a call runs. `local` is the single user of a desktop or a loopback
 * browser without sign-in: today's profile, every call allowed. `person` is someone signed in
 * to a shared host, with the roles the registry grants them now.
 */
export type Caller =
  | { kind: 'local' }
  | { kind: 'person'; userId: number; identity: VerifiedIdentity; grants: readonly RoleGrant[] };

export const LOCAL_CALLER: Caller = Object.freeze({ kind: 'local' });

/** Issuer and subject together name a person for good; an issuer URL never holds a "#". */
export function identityKey(identity: Pick<VerifiedIdentity, 'issuer' | 'subject'>): string {
  return `${identity.issuer}#${identity.subject}`;
}

export type Permission =
  /** Anyone signed in: the session itself. */
  | 'signed-in'
  /** The self-typed profile of a desktop; a shared host takes names from the sign-in. */
  | 'own-profile'
  /** Facilities, assessments, matrix, compare, map, coverage: everyone signed in. */
  | 'registry.read'
  | 'audit.read'
  /** Adding, importing and archiving facilities: the registry as a whole. */
  | 'registry.manage'
  | 'facility.edit'
  | 'assessment.edit'
  | 'assessment.finalize'
  | 'assessment.amend'
  | 'settings.manage'
  | 'backups.manage'
  | 'users.manage'
  /** Transfer cases and letters: patient data. */
  | 'patient.treat';

/** What kind of record an id in a call's input names; the server finds the facility or case behind it. */
export type ScopeKind = 'facility' | 'assessment' | 'case' | 'letter';

export interface CallAccess {
  permission: Permission;
  /** The input field holding the id of what the call acts on. */
  scope?: { kind: ScopeKind; field: string };
}

/** What the scope field resolved to in the registry, looked up before the decision. */
export type ResolvedScope =
  | { kind: 'facility'; facilityId: number; facilityName: string }
  | { kind: 'case'; authorKey: string | null; referringFacilityId: number; referringFacilityName: string };

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

const ASK = 'Ask a registry administrator.';
const ALLOWED: AccessDecision = { allowed: true };

function refuse(reason: string): AccessDecision {
  return { allowed: false, reason };
}

function holds(grants: readonly RoleGrant[], role: RegistryRole, facilityId?: number): boolean {
  return grants.some((grant) => grant.role === role && (facilityId === undefined || grant.facilityId === facilityId));
}

const FACILITY_ACTIONS: Partial<Record<Permission, string>> = {
  'facility.edit': 'edit its details',
  'assessment.edit': 'start and edit its assessments',
  'assessment.finalize': 'finalize its assessments',
  'assessment.amend': 'amend its assessments',
};

/**
 * The decision for one call: pure, so the table-driven test, the dispatcher and the renderer
 * agree. A scoped permission needs its scope resolved; without it the answer is no.
 */
export function decideAccess(caller: Caller, access: CallAccess, scope: ResolvedScope | null = null): AccessDecision {
  if (caller.kind === 'local') return ALLOWED;
  const { grants } = caller;
  const admin = holds(grants, 'registry_admin');
  switch (access.permission) {
    case 'signed-in':
    case 'registry.read':
      return ALLOWED;
    case 'own-profile':
      return refuse('On a shared registry your name and email come from your sign-in and cannot be changed here.');
    case 'audit.read':
      return admin || holds(grants, 'quality_analyst') ? ALLOWED : refuse(`Only quality analysts and registry administrators can read the audit trail. ${ASK}`);
    case 'registry.manage':
      return admin ? ALLOWED : refuse(`Only registry administrators can add, import or archive facilities. ${ASK}`);
    case 'settings.manage':
      return admin ? ALLOWED : refuse(`Only registry administrators can change the registry's settings. ${ASK}`);
    case 'backups.manage':
      return admin ? ALLOWED : refuse(`Only registry administrators can make backups and restore them. ${ASK}`);
    case 'users.manage':
      return admin ? ALLOWED : refuse(`Only registry administrators can manage users and roles. ${ASK}`);
    case 'facility.edit':
    case 'assessment.edit':
    case 'assessment.finalize':
    case 'assessment.amend': {
      const action = FACILITY_ACTIONS[access.permission]!;
      if (scope?.kind !== 'facility') return refuse(`Only assessors for that facility can ${action}. ${ASK}`);
      return holds(grants, 'assessor', scope.facilityId) ? ALLOWED : refuse(`Only assessors for ${scope.facilityName} can ${action}. ${ASK}`);
    }
    case 'patient.treat': {
      if (!holds(grants, 'physician')) return refuse(`Only physicians can open transfer cases and letters. ${ASK}`);
      if (access.scope === undefined) return ALLOWED;
      if (scope?.kind !== 'case') return refuse('Only the physicians treating this patient can open this case.');
      if (scope.authorKey !== null && scope.authorKey === identityKey(caller.identity)) return ALLOWED;
      return holds(grants, 'physician', scope.referringFacilityId)
        ? ALLOWED
        : refuse(`Only the physician who opened this case and physicians for ${scope.referringFacilityName} can open it. ${ASK}`);
    }
  }
}

/** The roles a person holds, each once, for the header and the audit trail. */
export function heldRoles(grants: readonly RoleGrant[]): RegistryRole[] {
  return REGISTRY_ROLES.filter((role) => grants.some((grant) => grant.role === role));
}

/** The nearest desktop role, kept in the audit trail's role column beside the verified identity. */
export function profileRoleFor(grants: readonly RoleGrant[]): UserRole {
  const roles = heldRoles(grants);
  if (roles.includes('physician')) return 'physician';
  if (roles.includes('registry_admin') || roles.includes('assessor')) return 'administrator';
  return 'quality';
}

/** Who a change is recorded as: the desktop profile, or a signed-in person with their verified identity. */
export interface Actor extends UserProfile {
  identity?: VerifiedIdentity;
}
