import { CAPABILITY_STATUS_LABELS, type CapabilityStatus } from '../../../shared/questionnaire';

export const STATUS_ICONS: Record<CapabilityStatus, string> = {
  on_site: '✓',
  via_partner: '↔',
  not_available: '✕',
  unknown: '?',
};

/** Status as icon and words, never colour alone. */
export function StatusBadge({ status, stale = false }: { status: CapabilityStatus | null; stale?: boolean }) {
  if (!status) return <span className="status status--none">Not answered</span>;
  return (
    <span className="status-group">
      <span className={`status status--${status}`}>
        <span aria-hidden="true" className="status__icon">
          {STATUS_ICONS[status]}
        </span>
        {CAPABILITY_STATUS_LABELS[status]}
      </span>
      {stale && status !== 'unknown' && (
        <span className="status status--stale" title="Verification missing or older than the expiry period">
          <span aria-hidden="true" className="status__icon">
            !
          </span>
          Stale
        </span>
      )}
    </span>
  );
}
