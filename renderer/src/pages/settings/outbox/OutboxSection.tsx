import { useSearchParams } from 'react-router';
import { needsDecision, useOutbox } from '../../../outbox';
import { OutboxDecision } from './OutboxDecision';
import { OutboxList } from './OutboxList';

/**
 * In Settings → Shared registry: what this desktop has finalized for the registry, and, for
 * each assessment the registry sent back or refused, the comparison to decide it by.
 * A link with `?decide=<its id>` (the assessment page's) brings that one into view; with any
 * other value (the banner's `?decide=next`), the first one waiting.
 */
export function OutboxSection() {
  const { entries, errorMessage } = useOutbox();
  const [params] = useSearchParams();
  const decide = params.get('decide');
  const decisions = entries.filter(needsDecision);
  const shownFirst = decisions.find((entry) => entry.clientId === decide) ?? (decide !== null ? decisions[0] : undefined);
  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <h3 id="outbox-heading">Assessments sent from this desktop</h3>
      {errorMessage ? (
        <p className="banner banner--error" role="alert">
          {errorMessage}
        </p>
      ) : (
        <OutboxList entries={entries} />
      )}
      {decisions.map((entry) => (
        <OutboxDecision key={entry.clientId} entry={entry} focused={entry === shownFirst} />
      ))}
    </section>
  );
}
