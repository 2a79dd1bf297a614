import type { ReactNode } from 'react';
import { describeDetailValue, type CapabilityAnswer } from '../../../../../shared/assessment';
import type { OutboxEntry } from '../../../../../shared/assessment-submission';
import { formatDate, formatTimestamp } from '../../../../../shared/calendar';
import { questionnaireVersion, VERIFICATION_METHOD_LABELS, type CapabilityQuestion } from '../../../../../shared/questionnaire';
import { StatusBadge } from '../../../components/StatusBadge';
import { PartnerSummary } from '../../assessment/PartnerFields';

type Answer = CapabilityAnswer | undefined;

/** One compared line of a capability: how each side reads, and the text that decides whether they differ. */
interface Line {
  label: string;
  key: (answer: CapabilityAnswer) => string;
  show: (answer: CapabilityAnswer) => ReactNode;
  detail?: boolean;
}

function linesOf(question: CapabilityQuestion): Line[] {
  return [
    {
      label: 'Status',
      key: (answer) => JSON.stringify([answer.status, answer.status === 'via_partner' ? answer.partner : null]),
      show: (answer) => (
        <>
          <StatusBadge status={answer.status} />
          {answer.status === 'via_partner' && (
            <span className="small block">
              <PartnerSummary partner={answer.partner} />
            </span>
          )}
        </>
      ),
    },
    ...question.details.map<Line>((detail) => ({
      label: detail.label,
      detail: true,
      key: (answer) => describeDetailValue(answer.details[detail.id]),
      show: (answer) => describeDetailValue(answer.details[detail.id]),
    })),
    { label: 'Evidence', key: (answer) => answer.evidence.trim(), show: (answer) => <span className="prewrap">{answer.evidence || '—'}</span> },
    { label: 'Verified on', key: (answer) => answer.verifiedOn ?? '', show: (answer) => formatDate(answer.verifiedOn) },
    {
      label: 'Verified by',
      key: (answer) => JSON.stringify([answer.verifiedByName.trim(), answer.verifiedByRole.trim(), answer.verificationMethod]),
      show: (answer) =>
        [answer.verifiedByName, answer.verifiedByRole, answer.verificationMethod && VERIFICATION_METHOD_LABELS[answer.verificationMethod]].filter(Boolean).join(', ') || '—',
    },
  ];
}

/** The capabilities whose answers differ between the registry's version and this desktop's. */
export function differingCapabilities(entry: OutboxEntry): CapabilityQuestion[] {
  const questionnaire = questionnaireVersion(entry.submission.questionnaireVersion);
  return questionnaire.capabilities.filter((question) =>
    linesOf(question).some((line) => differs(line, entry.theirs?.answers[question.id], entry.submission.answers[question.id])),
  );
}

function differs(line: Line, theirs: Answer, mine: Answer): boolean {
  if (!theirs || !mine) return theirs !== mine;
  return line.key(theirs) !== line.key(mine);
}

/** The registry's standing assessment beside this desktop's, capability by capability, what differs marked and shown in full. */
export function VersionComparison({ entry, captionId }: { entry: OutboxEntry; captionId: string }) {
  const questionnaire = questionnaireVersion(entry.submission.questionnaireVersion);
  const { theirs, submission } = entry;
  return (
    <div className="version-comparison">
      <table className="table compare-table" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Capability</span>
            </th>
            <th scope="col">
              The registry&apos;s version
              <span className="muted small block">
                {theirs ? `Revision ${theirs.revision}, finalized ${formatDate(theirs.finalizedAt)} by ${theirs.assessorName}` : 'No standing assessment'}
              </span>
            </th>
            <th scope="col">
              Your version
              <span className="muted small block">
                Finalized on this desktop {formatTimestamp(entry.queuedAt)}
                {submission.amendmentReason && `; reason: ${submission.amendmentReason}`}
              </span>
            </th>
          </tr>
        </thead>
        {questionnaire.capabilities.map((question) => {
          const theirAnswer = theirs?.answers[question.id];
          const myAnswer = submission.answers[question.id];
          const lines = linesOf(question);
          const status = lines[0]!;
          // A capability answered alike on both sides takes one row; one that differs shows what
          // differs beside its status, evidence and verification (details only where answered).
          if (!lines.some((line) => differs(line, theirAnswer, myAnswer))) {
            return (
              <tbody key={question.id}>
                <tr>
                  <th scope="row">
                    {question.number}. {question.name} <span className="muted small">· the same</span>
                  </th>
                  <td>{theirAnswer ? status.show(theirAnswer) : '—'}</td>
                  <td>{myAnswer ? status.show(myAnswer) : '—'}</td>
                </tr>
              </tbody>
            );
          }
          const shown = lines.filter((line) => !line.detail || differs(line, theirAnswer, myAnswer) || [theirAnswer, myAnswer].some((answer) => answer && line.key(answer) !== '—'));
          return (
            <tbody key={question.id}>
              <tr className="compare-table__group">
                <th scope="rowgroup" colSpan={3}>
                  {question.number}. {question.name} <span className="differs-tag">differs</span>
                </th>
              </tr>
              {shown.map((line) => {
                const lineDiffers = differs(line, theirAnswer, myAnswer);
                return (
                  <tr key={line.label} className={lineDiffers ? 'row--differs' : undefined}>
                    <th scope="row" className={line.detail ? 'compare-table__detail' : undefined}>
                      {line.label}
                      {lineDiffers && <span className="visually-hidden"> (differs)</span>}
                    </th>
                    <td>{theirAnswer ? line.show(theirAnswer) : '—'}</td>
                    <td>{myAnswer ? line.show(myAnswer) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
