import type { FacilityFacets } from '../../../../shared/facility';
import { CAPABILITY_IDS, type CapabilityId } from '../../../../shared/questionnaire';
import { CAPABILITY_NAMES } from '../../capability-names';

/** What to map: the capabilities a patient needs, a state, and how recent a verification must be. */
export function MapControls({
  facets,
  capabilities,
  state,
  since,
  sinceProblem,
  onCapability,
  onState,
  onSince,
}: {
  facets: FacilityFacets;
  capabilities: CapabilityId[];
  state: string;
  since: string;
  sinceProblem: string | null;
  onCapability(capability: CapabilityId, checked: boolean): void;
  onState(state: string): void;
  onSince(since: string): void;
}) {
  return (
    <section className="card map-controls" aria-label="What to map">
      <fieldset className="field">
        <legend>Capabilities the patient needs</legend>
        <div className="map-controls__capabilities">
          {CAPABILITY_IDS.map((id) => (
            <label key={id} className="checkbox">
              <input type="checkbox" checked={capabilities.includes(id)} onChange={(event) => onCapability(id, event.target.checked)} />
              {CAPABILITY_NAMES[id]}
            </label>
          ))}
        </div>
        {capabilities.length === 0 ? (
          <p className="field__error" role="alert">
            Choose at least one capability to map.
          </p>
        ) : null}
      </fieldset>
      <div className="map-controls__row">
        <div className="field">
          <label htmlFor="map-state">State</label>
          <select id="map-state" value={state} onChange={(event) => onState(event.target.value)}>
            <option value="">All states</option>
            {facets.states.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${sinceProblem ? ' field--invalid' : ''}`}>
          <label htmlFor="map-since">Verified on or after</label>
          <input
            id="map-since"
            type="date"
            value={since}
            onChange={(event) => onSince(event.target.value)}
            aria-invalid={sinceProblem ? true : undefined}
            aria-describedby={sinceProblem ? 'map-since-error' : 'map-since-hint'}
          />
          {sinceProblem ? (
            <p className="field__error" id="map-since-error">
              {sinceProblem}
            </p>
          ) : (
            <p className="field__hint" id="map-since-hint">
              Older verifications count as gaps. Leave empty to accept any date.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
