import {
  CAPABILITY_STATUS_DESCRIPTIONS,
  CAPABILITY_STATUS_LABELS,
  CAPABILITY_STATUSES,
  CLINICAL_SOURCE,
  CURRENT_QUESTIONNAIRE,
} from '../../../shared/questionnaire';
import { formatDate } from '../../../shared/calendar';

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
      <section className="card">
        <h2>Where they come from</h2>
        <p>
          Most people in the early stages of Stiff Person Syndrome are treated well as outpatients and never need to move. When a
          patient’s needs grow beyond what a facility can offer, a transfer to a tertiary or university center becomes the safer
          choice. That is a judgement about the facility’s resources, not about the physician. Five questions help make and
          explain that judgement; TransferReady asks them as six, because the first covers two treatments.
        </p>
        <p className="citation">
          Source: {CLINICAL_SOURCE.authors}. “{CLINICAL_SOURCE.title}.” Updated {formatDate(CLINICAL_SOURCE.updated)}.{' '}
          {CLINICAL_SOURCE.summary} The wording in this app is our own.
        </p>
      </section>
      <section className="card">
        <h2>The six capabilities</h2>
        <ol className="question-list">
          {CURRENT_QUESTIONNAIRE.capabilities.map((question) => (
            <li key={question.id}>
              <h3>
                {question.number}. {question.name}
              </h3>
              <p>
                <strong>{question.question}</strong>
              </p>
              <p>{question.why}</p>
              <p className="muted small">Details recorded: {question.details.map((detail) => detail.label).join('; ')}.</p>
            </li>
          ))}
        </ol>
      </section>
      <section className="card">
        <h2>What the answers mean</h2>
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
    </>
  );
}
