import { useMemo, useState } from 'react';
import { formatDate, isIsoDate } from '../../../shared/calendar';
import type { FacilityFacets } from '../../../shared/facility';
import { MAP_COVERAGES, type MapCoverage } from '../../../shared/facility-map';
import { CAPABILITY_IDS, type CapabilityId } from '../../../shared/questionnaire';
import { useCall } from '../calls/cache';
import { Updating } from '../components/Updating';
import { CAPABILITY_NAMES } from '../capability-names';
import { CoverageLegend } from './map/CoverageLegend';
import { MapControls } from './map/MapControls';
import { MapFacilityList } from './map/MapFacilityList';
import { projection, type Placed } from './map/map-drawing';
import { StatesMap } from './map/StatesMap';

const NO_FACETS: FacilityFacets = { states: [], facilityTypes: [] };

export function FacilityMapPage() {
  const facets = useCall('facilityFacets', {}).data ?? NO_FACETS;
  const [capabilities, setCapabilities] = useState<CapabilityId[]>(['plasmapheresis', 'neuro_icu']);
  const [state, setState] = useState('');
  const [since, setSince] = useState('');
  const [shown, setShown] = useState<Set<MapCoverage>>(new Set(MAP_COVERAGES));
  // The facility active in the list, ringed on the map; back to the first whenever the choices change.
  const [active, setActive] = useState(0);

  const sinceProblem = since !== '' && !isIsoDate(since) ? 'Enter the date as YYYY-MM-DD, or leave it empty.' : null;
  // While the choices ask nothing the core can answer, the last map stays on screen.
  const map = useCall('facilityMap', { capabilities, state, verifiedSince: since || null }, { enabled: capabilities.length > 0 && !sinceProblem, keepPrevious: true });
  const facilities = map.data ?? null;

  const placed = useMemo<Placed[]>(
    () =>
      (facilities ?? []).map((facility) => ({
        facility,
        point: facility.location ? projection([facility.location.longitude, facility.location.latitude]) : null,
      })),
    [facilities],
  );
  const counts = useMemo(() => {
    const tally = Object.fromEntries(MAP_COVERAGES.map((coverage) => [coverage, 0])) as Record<MapCoverage, number>;
    for (const { facility } of placed) tally[facility.coverage] += 1;
    return tally;
  }, [placed]);
  const listed = useMemo(() => placed.filter(({ facility }) => shown.has(facility.coverage)), [placed, shown]);

  function toggleCapability(capability: CapabilityId, checked: boolean) {
    setCapabilities((current) => (checked ? CAPABILITY_IDS.filter((id) => id === capability || current.includes(id)) : current.filter((id) => id !== capability)));
    setActive(0);
  }

  function toggleShown(coverage: MapCoverage) {
    setShown((current) => {
      const next = new Set(current);
      if (next.has(coverage)) next.delete(coverage);
      else next.add(coverage);
      return next;
    });
    setActive(0);
  }

  const question = capabilities.map((id) => CAPABILITY_NAMES[id]).join(' and ');
  const unplaced = placed.filter(({ point }) => !point).length;

  return (
    <div className="page--wide">
      <header className="page-header">
        <div>
          <h1>Facility map</h1>
          <p className="muted">
            Where the facilities are and whether each one covers the capabilities you choose. Drawn offline from U.S. Census Bureau state boundaries (2017 cartographic
            boundary files); facilities without coordinates sit at their ZIP code&apos;s centre.
          </p>
        </div>
      </header>

      <MapControls
        facets={facets}
        capabilities={capabilities}
        state={state}
        since={since}
        sinceProblem={sinceProblem}
        onCapability={toggleCapability}
        onState={(next) => {
          setState(next);
          setActive(0);
        }}
        onSince={(next) => {
          setSince(next);
          setActive(0);
        }}
      />

      {map.errorMessage ? (
        <p className="banner banner--error" role="alert">
          {map.errorMessage}
        </p>
      ) : null}

      <Updating updating={map.updating} />
      {facilities === null ? (
        <p className="loading">Placing facilities…</p>
      ) : (
        <>
          <p className="map-summary" role="status">
            {`${counts.on_site.toLocaleString()} of ${facilities.length.toLocaleString()} facilities${state ? ` in ${state}` : ''} have ${question} on site; `}
            {`${counts.with_partner.toLocaleString()} more cover them with a partner's help.`}
            {unplaced > 0 ? ` ${unplaced.toLocaleString()} cannot be placed on the map and are only in the list.` : ''}
          </p>
          <CoverageLegend counts={counts} shown={shown} onToggle={toggleShown} />
          <div className="map-layout">
            <StatesMap placed={placed} listed={listed} shown={shown} state={state} highlighted={listed[active]} />
            <MapFacilityList listed={listed} active={active} since={since} onActive={setActive} />
          </div>
          {since ? <p className="small muted">Counting verifications made on or after {formatDate(since)}.</p> : null}
        </>
      )}
    </div>
  );
}
