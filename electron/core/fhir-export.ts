import type { Kysely } from 'kysely';
import { toFhirBundle, toFhirOrganization, toFhirOrganizationAffiliations, toFhirQuestionnaire, toFhirQuestionnaireResponse } from '../../shared/fhir';
import { CURRENT_QUESTIONNAIRE, questionnaireVersion } from '../../shared/questionnaire';
import { getAssessment } from './assessments';
import type { DatabaseSchema } from './db/schema';
import { toFacility } from './facilities';

/** The registry as a FHIR R4 Bundle: facility data and standing assessments only, never cases or letters. */
export async function exportFhirBundle(db: Kysely<DatabaseSchema>, now: Date): Promise<Record<string, unknown>> {
  const facilities = (await db.selectFrom('facilities').selectAll().where('archived', '=', 0).orderBy('id').execute()).map(toFacility);
  const standing = await db.selectFrom('assessments').select('id').where('state', '=', 'finalized').orderBy('id').execute();
  const responses = [];
  const affiliations = [];
  for (const { id } of standing) {
    const assessment = await getAssessment(db, id);
    const questionnaire = questionnaireVersion(assessment.questionnaireVersion);
    responses.push(toFhirQuestionnaireResponse(assessment, questionnaire));
    affiliations.push(...toFhirOrganizationAffiliations(assessment, questionnaire));
  }
  return toFhirBundle(
    [toFhirQuestionnaire(CURRENT_QUESTIONNAIRE), ...facilities.map(toFhirOrganization), ...responses, ...affiliations],
    now.toISOString(),
  );
}
