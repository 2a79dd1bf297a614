import type { CapabilityQuestion } from '../../../../shared/questionnaire';

/** Where the assessment stands: each question answered, needing attention or not yet answered, and the review. */
export function StepList({
  steps,
  stepIndex,
  answered,
  needsAttention,
  onGo,
}: {
  steps: readonly CapabilityQuestion[];
  stepIndex: number;
  answered(step: CapabilityQuestion): boolean;
  needsAttention(step: CapabilityQuestion): boolean;
  onGo(index: number): void;
}) {
  const reviewIndex = steps.length;
  return (
    <nav className="stepper" aria-label="Assessment steps">
      <p className="stepper__progress">
        Step {stepIndex + 1} of {steps.length + 1}
      </p>
      <progress className="stepper__bar" max={steps.length + 1} value={stepIndex + 1} aria-label="Progress" />
      <ol>
        {steps.map((step, index) => {
          const done = answered(step);
          const warn = needsAttention(step);
          return (
            <li key={step.id}>
              <button type="button" className="stepper__step" aria-current={index === stepIndex ? 'step' : undefined} onClick={() => onGo(index)}>
                <span className={`stepper__marker ${done ? (warn ? 'stepper__marker--warn' : 'stepper__marker--done') : ''}`} aria-hidden="true">
                  {done ? (warn ? '!' : '✓') : step.number}
                </span>
                <span>
                  {step.name}
                  <span className="visually-hidden">{done ? (warn ? ', needs attention' : ', answered') : ', not answered'}</span>
                </span>
              </button>
            </li>
          );
        })}
        <li>
          <button type="button" className="stepper__step" aria-current={stepIndex === reviewIndex ? 'step' : undefined} onClick={() => onGo(reviewIndex)}>
            <span className="stepper__marker" aria-hidden="true">
              ★
            </span>
            <span>Review and finalize</span>
          </button>
        </li>
      </ol>
    </nav>
  );
}
