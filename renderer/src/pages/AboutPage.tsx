import { CLINICAL_REFERENCES, referenceShort, type ClinicalReferenceId } from '../../../shared/clinical-sources';
import { formatDate } from '../../../shared/calendar';
import {
  CAPABILITY_STATUS_DESCRIPTIONS,
  CAPABILITY_STATUS_LABELS,
  CAPABILITY_STATUSES,
  CLINICAL_SOURCE,
  CURRENT_QUESTIONNAIRE,
  DEFAULT_START_WITHIN_DAYS,
  type CaseCondition,
  type DetailQuestion,
} from '../../../shared/questionnaire';
import { CaseRules } from './about/CaseRules';

/** Completes "Counts for …". */
const CONDITION_PHRASES: Record<Exclude<CaseCondition, 'always'>, string> = {
  inpatient: 'patients treated in hospital',
  baclofenPump: 'patients with a baclofen pump',
  intrathecalBaclofenWithdrawalRisk: 'patients at risk of intrathecal baclofen withdrawal',
  gad65Positive: 'anti-GAD65-positive patients',
};

function countsFor(detail: DetailQuestion): string {
  const when = detail.requirement?.when ?? [];
  if (when.includes('always')) return 'Counts for every patient';
  return `Counts for ${when.map((condition) => CONDITION_PHRASES[condition as Exclude<CaseCondition, 'always'>]).join(' and for ')}`;
}

function SourceNote({ source }: { source: ClinicalReferenceId }) {
  return <span className="source-note">Source: {referenceShort(source)}.</span>;
}

export function AboutPage() {
  return (
    <>
      <header className="page-header">
        <div>
          <h1>About the questions</h1>
          <p className="muted">
            Questionnaire “{CURRENT_QUESTIONNAIRE.id}”, version {CURRENT_QUESTIONNAIRE.version}
          </p>
        </div>
      </header>
      <section className="card" aria-labelledby="origin-heading">
        <h2 id="origin-heading">Where they come from</h2>
        <p>
          Stiff Person Syndrome (SPS) is a rare illness of the brain and spinal cord that makes muscles stiff and brings painful spasms.
          Many people in its early stages are treated as outpatients. When a patient needs more than a facility can offer, a move to a
          tertiary or university center can be the safer choice. That is a judgement about the facility’s resources, not about the
          physician. Five questions help make and explain that judgement; TransferReady asks them as six, because the first covers two
          treatments.
        </p>
        <p className="citation">
          Source: {CLINICAL_SOURCE.authors}. “{CLINICAL_SOURCE.title}.” Updated {formatDate(CLINICAL_SOURCE.updated)}.{' '}
          {CLINICAL_SOURCE.summary} The wording in this app is our own.
        </p>
      </section>
      <section className="card" aria-labelledby="capabilities-heading">
        <h2 id="capabilities-heading">The six capabilities</h2>
        <p>
          Each capability is answered with a status and details. A detail marked as counting decides whether the capability fits a
          patient: an answer against it, or “not sure”, is named on the case beside the recommendation. The other details are recorded
          for the picture only.
        </p>
        <ol className="question-list">
          {CURRENT_QUESTIONNAIRE.capabilities.map((question) => (
            <li key={question.id}>
              <h3>
                {question.number}. {question.name}
              </h3>
              <p>
                <strong>{question.question}</strong>
              </p>
              <p>
                {question.why} <SourceNote source={question.source} />
              </p>
              <h4 className="detail-heading">Details</h4>
              <ul className="detail-rules">
                {question.details.map((detail) => (
                  <li key={detail.id}>
                    <span className="detail-rules__label">{detail.label}</span>
                    {detail.requirement ? (
                      <span className="small block">
                        <strong>{countsFor(detail)}</strong>, because {detail.requirement.because}
                        {detail.kind === 'days' && ` (${DEFAULT_START_WITHIN_DAYS} days unless the case says otherwise)`}.{' '}
                        <SourceNote source={detail.requirement.source} />
                      </span>
                    ) : (
                      <span className="small block muted">Recorded for the picture; does not decide the capability.</span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="answers-heading">
        <h2 id="answers-heading">What the answers mean</h2>
        <dl className="facts">
          {CAPABILITY_STATUSES.map((status) => (
            <div className="facts__row" key={status}>
              <dt>{CAPABILITY_STATUS_LABELS[status]}</dt>
              <dd>{CAPABILITY_STATUS_DESCRIPTIONS[status]}</dd>
            </div>
          ))}
          <div className="facts__row">
            <dt>Stale</dt>
            <dd>The answer was verified longer ago than the expiry period in Settings (12 months unless changed), or never.</dd>
          </div>
        </dl>
      </section>
      <CaseRules />
      <section className="card" aria-labelledby="references-heading">
        <h2 id="references-heading">References</h2>
        <dl className="references">
          {(Object.keys(CLINICAL_REFERENCES) as ClinicalReferenceId[]).map((id) => (
            <div key={id} className="references__row">
              <dt>{CLINICAL_REFERENCES[id].short}</dt>
              <dd>{CLINICAL_REFERENCES[id].citation}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
