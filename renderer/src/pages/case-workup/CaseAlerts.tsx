import { referenceShort } from '../../../../shared/clinical-sources';
import type { CaseAlert } from '../../../../shared/transfer-rules';

/** Severity in words and a symbol, so it never rests on colour alone. */
const SEVERITY: Record<CaseAlert['severity'], { label: string; symbol: string }> = {
  danger: { label: 'Danger', symbol: '‼' },
  warning: { label: 'Warning', symbol: '!' },
  info: { label: 'Note', symbol: 'i' },
};

export function CaseAlerts({ alerts }: { alerts: CaseAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts for this patient</h2>
      <ul className="alert-list">
        {alerts.map((alert) => (
          <li key={alert.id} className={`alert alert--${alert.severity}`}>
            <span className="alert__symbol" aria-hidden="true">
              {SEVERITY[alert.severity].symbol}
            </span>
            <p>
              <strong className="alert__label">{SEVERITY[alert.severity].label}:</strong> {alert.text}{' '}
              <span className="source-note">Source: {alert.sources.map(referenceShort).join('; ')}.</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
