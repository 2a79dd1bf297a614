import { useState, type FormEvent } from 'react';
import type { Provision } from '../../../../shared/capability-judgement';
import { stayDecisionSchema, URGENCY_LABELS, type StayDecision, type TransferCase } from '../../../../shared/transfer-case';
import { recommendationHeading, type Recommendation } from '../../../../shared/transfer-rules';
import { ApiError, errorMessage } from '../../api';

export const PROVISION_LABELS: Record<Provision, string> = {
  provides: 'Provided',
  partner: 'Through a partner',
  uncertain: 'Not established',
  gap: 'Cannot provide',
};

export function RecommendationCard({
  recommendation,
  transferCase,
  onStayDecision,
}: {
  recommendation: Recommendation;
  transferCase: TransferCase;
  onStayDecision(decision: StayDecision | null): Promise<void>;
}) {
  const { urgency } = recommendation;
  return (
    <section className={`card recommendation recommendation--${recommendation.level}`} aria-labelledby="recommendation-heading">
      <h2 id="recommendation-heading">{recommendationHeading(recommendation)}</h2>
      <p>{recommendation.summary}</p>
      {recommendation.stayDecisionRefused && (
        <p className="banner banner--warn">
          <strong>Not applied. </strong>
          {recommendation.stayDecisionRefused}
        </p>
      )}

      <h3 className="recommendation__subheading">Urgency: {URGENCY_LABELS[urgency.urgency]}</h3>
      <ul className="reason-list">
        {urgency.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {urgency.overrideRefused && (
        <p className="banner banner--warn">
          <strong>Not applied. </strong>
          {urgency.overrideRefused}
        </p>
      )}

      {recommendation.reasons.length > 0 && (
        <>
          <h3 className="recommendation__subheading">What the referring facility’s assessment shows</h3>
          <ul className="judgement-list">
            {recommendation.reasons.map((reason) => (
              <li key={reason.capabilityId}>
                <span className={`provision provision--${reason.provision}`}>{PROVISION_LABELS[reason.provision]}</span> {reason.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <StayDecisionPanel recommendation={recommendation} transferCase={transferCase} onStayDecision={onStayDecision} />
    </section>
  );
}

/** Where the rules can only say "consider", the physician may decide the patient stays, with a reason. */
function StayDecisionPanel({
  recommendation,
  transferCase,
  onStayDecision,
}: {
  recommendation: Recommendation;
  transferCase: TransferCase;
  onStayDecision(decision: StayDecision | null): Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const recorded = transferCase.stayDecision;

  async function save(decision: StayDecision | null) {
    setSaving(true);
    try {
      await onStayDecision(decision);
      setError(null);
      setReason('');
    } catch (failure) {
      setError((failure instanceof ApiError && failure.fieldMessage('details.stayDecision.reason')) || errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = stayDecisionSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Say why the patient can stay.');
      return;
    }
    await save(parsed.data);
  }

  if (recorded) {
    return (
      <div className="stay-decision">
        <h3 className="recommendation__subheading">Your decision to keep the patient here</h3>
        <p className="prewrap">“{recorded.reason}”</p>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="button button--small" disabled={saving} onClick={() => void save(null)}>
          Withdraw the decision
        </button>
      </div>
    );
  }
  if (recommendation.level !== 'consider') return null;
  return (
    <form className="amend-form stay-decision" onSubmit={submit} noValidate aria-labelledby="stay-heading">
      <h3 id="stay-heading" className="recommendation__subheading">
        Keep the patient here
      </h3>
      <p className="small">
        The rules can only say “consider”. If you decide the patient can stay, say why in your own words: it is recorded with the case
        and the recommendation becomes “Transfer not indicated”, by your decision.
      </p>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor="stay-reason">Why the patient can stay</label>
        <textarea
          id="stay-reason"
          rows={3}
          value={reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'stay-reason-error' : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {error && (
          <p className="field__error" id="stay-reason-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button--small" disabled={saving}>
        {saving ? 'Saving…' : 'Keep the patient here'}
      </button>
    </form>
  );
}
