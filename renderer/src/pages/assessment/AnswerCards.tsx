import { describeDetailValue, type CapabilityAnswer } from '../../../../shared/assessment';
import { formatDate } from '../../../../shared/calendar';
import { questionnaireVersion, VERIFICATION_METHOD_LABELS, type CapabilityId } from '../../../../shared/questionnaire';
import { StatusBadge } from '../../components/StatusBadge';
import { PartnerSummary } from './PartnerFields';

/** An assessment's answers, read-only, one card a capability (a finalized record, or one waiting to be sent). */
export function AnswerCards({ questionnaireVersion: version, answers }: { questionnaireVersion: number; answers: Record<CapabilityId, CapabilityAnswer> }) {
  const questionnaire = questionnaireVersion(version);
  return (
    <>
      {questionnaire.capabilities.map((question) => {
        const answer = answers[question.id];
        return (
          <section className="card" key={question.id} aria-labelledby={`record-${question.id}`}>
            <div className="card__header">
              <h2 id={`record-${question.id}`}>
                {question.number}. {question.name}
              </h2>
              <StatusBadge status={answer.status} />
            </div>
            <p className="muted">{question.question}</p>
            <dl className="facts">
              {answer.status === 'via_partner' && (
                <div className="facts__row">
                  <dt>Partner</dt>
                  <dd>
                    <PartnerSummary partner={answer.partner} />
                  </dd>
                </div>
              )}
              {question.details.map((detail) => (
                <div className="facts__row" key={detail.id}>
                  <dt>{detail.label}</dt>
                  <dd>{describeDetailValue(answer.details[detail.id])}</dd>
                </div>
              ))}
              <div className="facts__row">
                <dt>Evidence</dt>
                <dd className="prewrap">{answer.evidence || '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Verified</dt>
                <dd>
                  {answer.verifiedByName || '—'}
                  {answer.verifiedByRole && `, ${answer.verifiedByRole}`}
                  {answer.verificationMethod && ` · ${VERIFICATION_METHOD_LABELS[answer.verificationMethod]}`}
                  {answer.verifiedOn && ` · ${formatDate(answer.verifiedOn)}`}
                </dd>
              </div>
            </dl>
          </section>
        );
      })}
    </>
  );
}
