import type { CapabilityAnswer } from '../../../../shared/assessment';
import type { FieldProblem } from '../../../../shared/call-result';
import { formatDate } from '../../../../shared/calendar';
import type { CapabilityId, Questionnaire } from '../../../../shared/questionnaire';
import { StatusBadge } from '../../components/StatusBadge';
import { PartnerSummary } from './PartnerFields';

/** The six answers in a list to check, what still needs attention, and the way to finalize. */
export function ReviewList(props: {
  questionnaire: Questionnaire;
  answers: Record<CapabilityId, CapabilityAnswer>;
  problems: FieldProblem[];
  onEdit(index: number): void;
  onFinalize(): void;
  finalizing: boolean;
  finalizeError: string | null;
  /** Why this person may not finalize (the host's sentence), or null when they may. */
  finalizeRefusal: string | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { questionnaire, answers, problems } = props;
  return (
    <div className="step">
      <h2 id="step-heading" ref={props.headingRef} tabIndex={-1}>
        Review and finalize
      </h2>
      <p>Check each answer. Once finalized, the assessment is read-only; later changes need an amendment with a reason.</p>
      <table className="table table--inset">
        <thead>
          <tr>
            <th scope="col">Capability</th>
            <th scope="col">Status</th>
            <th scope="col">Verified</th>
            <th scope="col">
              <span className="visually-hidden">Edit</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {questionnaire.capabilities.map((question, index) => {
            const answer = answers[question.id];
            const own = problems.filter((problem) => problem.field.startsWith(`answers.${question.id}.`));
            return (
              <tr key={question.id}>
                <th scope="row">
                  {question.number}. {question.name}
                  {own.map((problem) => (
                    <span key={problem.field} className="field__error block">
                      {problem.message}
                    </span>
                  ))}
                </th>
                <td>
                  <StatusBadge status={answer.status} />
                  {answer.status === 'via_partner' && (
                    <span className="small block">
                      <PartnerSummary partner={answer.partner} />
                    </span>
                  )}
                </td>
                <td>
                  {answer.verifiedOn ? formatDate(answer.verifiedOn) : '—'}
                  {answer.verifiedByName && <span className="muted small block">{answer.verifiedByName}</span>}
                </td>
                <td className="cell-actions">
                  <button type="button" className="button button--small" onClick={() => props.onEdit(index)} aria-label={`Edit ${question.name}`}>
                    Edit
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problems.length > 0 && (
        <p className="banner banner--warn">
          {problems.length} answer{problems.length === 1 ? ' needs' : 's need'} attention before this can be finalized.
        </p>
      )}
      {props.finalizeError && (
        <p className="banner banner--error" role="alert">
          {props.finalizeError}
        </p>
      )}
      {props.finalizeRefusal ? (
        <p className="muted">{props.finalizeRefusal}</p>
      ) : (
        <div className="actions">
          <button type="button" className="button button--primary" onClick={props.onFinalize} disabled={props.finalizing || problems.length > 0}>
            {props.finalizing ? 'Finalizing…' : 'Finalize assessment'}
          </button>
        </div>
      )}
    </div>
  );
}
