import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { OutboxEntry } from '../../../../../shared/assessment-submission';
import { KeepTheirsButton } from './KeepTheirsButton';
import { SendMineForm } from './SendMineForm';
import { differingCapabilities, VersionComparison } from './VersionComparison';

/**
 * An assessment the registry sent back (a conflict) or refused: its version beside this
 * desktop's, and the two ways a person settles it. Nothing is settled without their click.
 */
export function OutboxDecision({ entry, focused }: { entry: OutboxEntry; focused: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `decide-${entry.clientId}`;
  useEffect(() => {
    if (!focused) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [focused]);
  const differing = differingCapabilities(entry);

  return (
    <section className="outbox-decision" aria-labelledby={headingId}>
      <h4 id={headingId} ref={heading} tabIndex={-1}>
        {entry.state === 'refused' ? 'Refused by the shared registry' : 'Sent back by the shared registry'}:{' '}
        <Link to={`/facilities/${entry.facilityId}`}>{entry.facilityName}</Link>
      </h4>
      {entry.serverMessage && <p className="banner banner--warn">{entry.serverMessage}</p>}
      <p>
        {entry.theirs
          ? differing.length === 0
            ? 'Your answers are the same as the registry’s.'
            : `${differing.length === 1 ? '1 capability differs' : `${differing.length} capabilities differ`}: ${differing.map((question) => question.name).join(', ')}.`
          : 'The registry has no standing assessment of this facility.'}
      </p>
      <VersionComparison entry={entry} captionId={headingId} />
      <div className="outbox-decision__choices">
        <SendMineForm clientId={entry.clientId} facilityName={entry.facilityName} />
        <KeepTheirsButton clientId={entry.clientId} />
      </div>
    </section>
  );
}
