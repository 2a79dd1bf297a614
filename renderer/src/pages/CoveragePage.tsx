import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COVERAGE_KEYS, type CoverageCounts } from '../../../shared/coverage';
import { CAPABILITY_IDS, CAPABILITY_STATUS_LABELS, CURRENT_QUESTIONNAIRE, type CapabilityId } from '../../../shared/questionnaire';
import { useCall } from '../calls/cache';
import { Updating } from '../components/Updating';

const NAMES = Object.fromEntries(CURRENT_QUESTIONNAIRE.capabilities.map((c) => [c.id, c.name])) as Record<CapabilityId, string>;
const LABELS: Record<(typeof COVERAGE_KEYS)[number], string> = {
  ...CAPABILITY_STATUS_LABELS,
  details_not_sure: 'Offered, details not sure',
  details_against: 'Offered, details against',
  not_assessed: 'Not assessed',
};
// Colours follow the status badges; every bar is also labelled in the legend and the table.
const COLOURS: Record<(typeof COVERAGE_KEYS)[number], string> = {
  on_site: '#1d6b3a',
  via_partner: '#0b5f73',
  details_not_sure: '#c9a227',
  details_against: '#c8641b',
  not_available: '#a4262c',
  unknown: '#8a94a3',
  not_assessed: '#aab3bf',
};

function CountsTable({ caption, rows }: { caption: string; rows: [string, CoverageCounts][] }) {
  return (
    <table className="table table--inset">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption.startsWith('By') ? caption.replace('By ', '').replace(/,.*/, '') : 'Capability'}</th>
          {COVERAGE_KEYS.map((key) => (
            <th scope="col" key={key}>
              {LABELS[key]}
            </th>
          ))}
          <th scope="col">Stale</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, counts]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {COVERAGE_KEYS.map((key) => (
              <td key={key}>{counts[key].toLocaleString()}</td>
            ))}
            <td>{counts.stale.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CoveragePage() {
  const { data: summary, errorMessage: loadError, updating } = useCall('coverageSummary', {});
  // A failed refetch keeps the counts on screen; only a first read that failed has nothing to show.
  const error = summary ? null : loadError;
  const [grouping, setGrouping] = useState<'byState' | 'byType'>('byState');
  const [capability, setCapability] = useState<CapabilityId>('plasmapheresis');

  if (error) return <p className="banner banner--error" role="alert">{error}</p>;
  if (!summary) return <p className="loading">Counting…</p>;
  const chartData = CAPABILITY_IDS.map((id) => ({ name: NAMES[id], ...summary.byCapability[id] }));
  const groups = Object.entries(summary[grouping]).sort(([a], [b]) => a.localeCompare(b));

  return (
    <div className="page--wide">
      <Updating updating={updating} />
      <header className="page-header">
        <div>
          <h1>Coverage summary</h1>
          <p className="muted">
            {summary.facilities.toLocaleString()} active facilities; {summary.staleAssessments.toLocaleString()} with at least one verification older than the expiry period.
          </p>
          <p className="muted small">
            “On site” and “Through a partner” count only capabilities whose details every patient needs pass. One offered but with such a detail
            answered against it (an ICU used mostly for cardiac care, say) counts under “Offered, details against”; one answered “not sure”, under
            “Offered, details not sure”.
          </p>
        </div>
      </header>
      <section className="card" aria-labelledby="overall-heading">
        <h2 id="overall-heading">Each capability across all facilities</h2>
        <figure className="chart" aria-label="Facilities by status for each capability (the same figures are in the table below)">
          <ResponsiveContainer width="100%" height={300}>
            <BarChart data={chartData} layout="vertical" margin={{ left: 40, right: 20 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={170} />
              <Tooltip />
              <Legend />
              {COVERAGE_KEYS.map((key) => (
                <Bar key={key} dataKey={key} name={LABELS[key]} stackId="status" fill={COLOURS[key]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <CountsTable caption="Facilities by status for each capability" rows={CAPABILITY_IDS.map((id) => [NAMES[id], summary.byCapability[id]])} />
      </section>
      <section className="card" aria-labelledby="groups-heading">
        <h2 id="groups-heading">By state or type</h2>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="coverage-grouping">Group by</label>
            <select id="coverage-grouping" value={grouping} onChange={(event) => setGrouping(event.target.value as 'byState' | 'byType')}>
              <option value="byState">State</option>
              <option value="byType">Facility type</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="coverage-capability">Capability</label>
            <select id="coverage-capability" value={capability} onChange={(event) => setCapability(event.target.value as CapabilityId)}>
              {CAPABILITY_IDS.map((id) => (
                <option key={id} value={id}>
                  {NAMES[id]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <CountsTable caption={`By ${grouping === 'byState' ? 'state' : 'type'}, ${NAMES[capability]}`} rows={groups.map(([label, record]) => [label, record[capability]])} />
      </section>
    </div>
  );
}
