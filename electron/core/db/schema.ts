import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them; the SQL in migrations/ is the source of truth. */
export interface SettingsTable {
  key: string;
  value_json: string;
}

export interface FacilitiesTable {
  id: Generated<number>;
  ccn: string | null;
  name: string;
  facility_type: Generated<string>;
  ownership: Generated<string>;
  address: Generated<string>;
  city: Generated<string>;
  state: Generated<string>;
  zip: Generated<string>;
  county: Generated<string>;
  phone: Generated<string>;
  latitude: number | null;
  longitude: number | null;
  notes: Generated<string>;
  archived: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: string;
  actor_name: string;
  actor_role: string;
  entity_type: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  /** The verified identity on a shared host (migration 007); null for a desktop's profile. */
  actor_issuer: string | null;
  actor_subject: string | null;
  actor_email: string | null;
}

export interface AssessmentsTable {
  id: Generated<number>;
  facility_id: number;
  questionnaire_id: string;
  questionnaire_version: number;
  state: 'draft' | 'finalized' | 'superseded';
  revision: number;
  amends_id: number | null;
  amendment_reason: string | null;
  assessor_name: string;
  assessor_role: string;
  created_at: string;
  updated_at: string;
  finalized_at: string | null;
  superseded_at: string | null;
}

export interface AssessmentAnswersTable {
  assessment_id: number;
  capability_id: string;
  status: string | null;
  details_json: Generated<string>;
  /** The partner arrangement of a "through a partner" answer, as JSON; null otherwise (migration 005). */
  partner_json: string | null;
  evidence: Generated<string>;
  verified_by_name: Generated<string>;
  verified_by_role: Generated<string>;
  verification_method: string | null;
  verified_on: string | null;
  updated_at: string;
}

export interface TransferCasesTable {
  id: Generated<number>;
  referring_facility_id: number;
  receiving_facility_id: number | null;
  details_json: string;
  created_by_name: string;
  /** issuer#subject of the author on a shared host (migration 007); null on a desktop. */
  created_by_identity: string | null;
  created_at: string;
  updated_at: string;
}

export interface LettersTable {
  id: Generated<number>;
  case_id: number;
  audience: 'family' | 'insurer';
  state: 'draft' | 'issued';
  edits_json: Generated<string>;
  content_json: string | null;
  source_json: string | null;
  sha256: string | null;
  issued_at: string | null;
  issued_by_name: string | null;
  created_at: string;
  updated_at: string;
}

/** Derived, one row per facility with a standing profile; see migration 004. */
export interface StandingProfilesTable {
  facility_id: number;
  assessment_id: number;
  finalized_at: string;
  plasmapheresis_status: string | null;
  plasmapheresis_verified_on: string | null;
  ivig_status: string | null;
  ivig_verified_on: string | null;
  rehab_therapy_status: string | null;
  rehab_therapy_verified_on: string | null;
  psychiatry_status: string | null;
  psychiatry_verified_on: string | null;
  neuro_icu_status: string | null;
  neuro_icu_verified_on: string | null;
  rehab_center_status: string | null;
  rehab_center_verified_on: string | null;
  /** The questionnaire version the details below were answered under (migration 006). */
  questionnaire_version: number | null;
  plasmapheresis_details_json: string | null;
  ivig_details_json: string | null;
  rehab_therapy_details_json: string | null;
  psychiatry_details_json: string | null;
  neuro_icu_details_json: string | null;
  rehab_center_details_json: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  issuer: string | null;
  subject: string | null;
  email: string;
  display_name: Generated<string>;
  roles_version: Generated<number>;
  created_at: string;
  updated_at: string;
  last_signed_in_at: string | null;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: 'registry_admin' | 'assessor' | 'physician' | 'quality_analyst';
  facility_id: number | null;
  granted_at: string;
  granted_by: string;
}

/** One row per facility or person: the sequence number of its latest change (migration 009). */
export interface RegistryChangesTable {
  entity_type: 'facility' | 'person';
  entity_id: number;
  seq: number;
}

export interface RegistryFeedTable {
  singleton: number;
  registry_id: string;
  feed_id: string;
}

/** A desktop's link to a shared registry (migration 009; SQLite only). */
export interface ReplicaLinkTable {
  singleton: number;
  server_url: string;
  registry_id: string | null;
  feed_id: string | null;
  cursor: Generated<number>;
  connected_at: string;
  last_pulled_at: string | null;
  last_problem: string | null;
}

export interface ReplicaPeopleTable {
  id: number;
  email: string;
  display_name: string;
  grants_json: string;
}

/** Assessments desktops submitted, by the submission's own id (migration 009). */
export interface AssessmentSubmissionsTable {
  client_id: string;
  assessment_id: number;
  submitted_at: string;
}

/** A desktop's outbox of submissions for the shared registry (migration 009; SQLite only). */
export interface ReplicaOutboxTable {
  client_id: string;
  local_assessment_id: number;
  facility_id: number;
  submission_json: string;
  state: 'pending' | 'delivered' | 'conflict' | 'refused' | 'withdrawn';
  queued_at: string;
  attempted_at: string | null;
  delivered_at: string | null;
  server_assessment_id: number | null;
  server_message: string | null;
}

/** A desktop signed in to a shared registry: its token's SHA-256, never the token (migration 009). */
export interface DesktopSessionsTable {
  id: Generated<number>;
  user_id: number;
  token_sha256: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface DatabaseSchema {
  desktop_sessions: DesktopSessionsTable;
  assessment_submissions: AssessmentSubmissionsTable;
  replica_outbox: ReplicaOutboxTable;
  registry_changes: RegistryChangesTable;
  registry_feed: RegistryFeedTable;
  replica_link: ReplicaLinkTable;
  replica_people: ReplicaPeopleTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  settings: SettingsTable;
  facilities: FacilitiesTable;
  audit_events: AuditEventsTable;
  assessments: AssessmentsTable;
  assessment_answers: AssessmentAnswersTable;
  transfer_cases: TransferCasesTable;
  letters: LettersTable;
  standing_profiles: StandingProfilesTable;
}
