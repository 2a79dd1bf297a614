import { useVirtualizer } from '@tanstack/react-virtual';
import { geoAlbersUsa, geoPath } from 'd3-geo';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import statesAtlas from 'us-atlas/states-albers-10m.json';
import { formatDate, isIsoDate } from '../../../shared/calendar';
import type { FacilityFacets } from '../../../shared/facility';
import { MAP_COVERAGE_LABELS, MAP_COVERAGES, type MapCoverage, type MapFacility } from '../../../shared/facility-map';
import { CAPABILITY_IDS, CURRENT_QUESTIONNAIRE, type CapabilityId } from '../../../shared/questionnaire';
import { useCall } from '../calls/cache';
import { Updating } from '../components/Updating';

const NAMES = Object.fromEntries(CURRENT_QUESTIONNAIRE.capabilities.map((c) => [c.id, c.name])) as Record<CapabilityId, string>;
const WIDTH = 975;
const HEIGHT = 610;
const ROW_HEIGHT = 58;
const NO_FACETS: FacilityFacets = { states: [], facilityTypes: [] };

// us-atlas ships the Census boundaries already projected with exactly this projection, so facility
// points projected here land on the drawn states.
const projection = geoAlbersUsa().scale(1300).translate([WIDTH / 2, HEIGHT / 2]);
const topology = statesAtlas as unknown as Topology<{ states: GeometryCollection }>;
const drawPath = geoPath();
const STATE_PATHS = (feature(topology, topology.objects.states).features as { id?: string | number }[]).map((state, index) => ({
  key: String(state.id ?? index),
  d: drawPath(state as never) ?? '',
}));
/** Alaska and Hawaii are insets near Texas; a state's close-up leaves them out unless it is one of them. */
const INSET_FIPS: Record<string, string> = { AK: '02', HI: '15' };
const INSET_CODES = new Set(Object.values(INSET_FIPS));

/** Shape as well as colour tells the classes apart; sizes are in map units at full zoom. */
const MARKERS: Record<MapCoverage, string> = {
  on_site: 'M0,-3.4A3.4,3.4 0 1 1 0,3.4A3.4,3.4 0 1 1 0,-3.4Z',
  with_partner: 'M0,-4L4,0L0,4L-4,0Z',
  gap: 'M0,-4L3.6,3L-3.6,3Z',
  unassessed: 'M0,-2.6A2.6,2.6 0 1 1 0,2.6A2.6,2.6 0 1 1 0,-2.6Z',
};
const LEGEND_SYMBOLS: Record<MapCoverage, string> = { on_site: '●', with_partner: '◆', gap: '▲', unassessed: '○' };
/** Drawn in this order so the facilities that can take the patient sit on top. */
const DRAW_ORDER: MapCoverage[] = ['unassessed', 'gap', 'with_partner', 'on_site'];

interface Placed {
  facility: MapFacility;
  point: [number, number] | null;
}

function describeShortfalls(facility: MapFacility, since: string): string {
  const words = {
    not_available: 'not available',
    unknown: 'unknown',
    details_against: 'offered, but details against it',
    details_not_sure: 'offered, but details not sure',
    not_verified_since: `verified before ${formatDate(since)}`,
  } as const;
  return facility.shortfalls
    .map((shortfall) => `${NAMES[shortfall.capability]} ${words[shortfall.reason]}${shortfall.details?.length ? ` (${shortfall.details.join('; ')})` : ''}`)
    .join('; ');
}

/** The list's second line: what stands in the way, or that nothing does. */
function listDetail({ facility, point }: Placed, since: string): string {
  const standing =
    facility.coverage === 'gap' ? `Gap: ${describeShortfalls(facility, since)}` : facility.coverage === 'on_site' ? 'All on site' : facility.coverage === 'with_partner' ? 'Covered with a partner' : 'Not assessed';
  const where = !facility.location
    ? ' · not on the map (no coordinates or known ZIP)'
    : !point
      ? ' · not on the map (outside the states drawn)'
      : facility.location.approximate
        ? ' · placed by ZIP'
        : '';
  return `${facility.city}, ${facility.state} · ${standing}${where}`;
}

interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}
const WHOLE_MAP: Frame = { x: 0, y: 0, width: WIDTH, height: HEIGHT };

/** Frames the chosen state's facilities, keeping the map's proportions. */
function frameFor(points: [number, number][]): Frame {
  if (points.length === 0) return WHOLE_MAP;
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let width = Math.max(right - left, 60) * 1.3;
  let height = Math.max(bottom - top, 40) * 1.3;
  if (width / height > WIDTH / HEIGHT) height = (width * HEIGHT) / WIDTH;
  else width = (height * WIDTH) / HEIGHT;
  return { x: (left + right) / 2 - width / 2, y: (top + bottom) / 2 - height / 2, width, height };
}

export function FacilityMapPage() {
  const navigate = useNavigate();
  const facets = useCall('facilityFacets', {}).data ?? NO_FACETS;
  const [capabilities, setCapabilities] = useState<CapabilityId[]>(['plasmapheresis', 'neuro_icu']);
  const [state, setState] = useState('');
  const [since, setSince] = useState('');
  const [shown, setShown] = useState<Set<MapCoverage>>(new Set(MAP_COVERAGES));
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const sinceProblem = since !== '' && !isIsoDate(since) ? 'Enter the date as YYYY-MM-DD, or leave it empty.' : null;
  // While the choices ask nothing the core can answer, the last map stays on screen.
  const map = useCall('facilityMap', { capabilities, state, verifiedSince: since || null }, { enabled: capabilities.length > 0 && !sinceProblem, keepPrevious: true });
  const facilities = map.data ?? null;
  const error = map.errorMessage;

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
  const frame = useMemo(
    () => (state ? frameFor(placed.flatMap(({ point }) => (point ? [point] : []))) : WHOLE_MAP),
    [placed, state],
  );
  const markerScale = Math.min(1, Math.max(0.25, frame.width / WIDTH) * 1.6);
  const highlighted = listed[active];

  const virtualizer = useVirtualizer({
    count: listed.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(listed.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onListKey(event: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: listed.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter' && highlighted) {
      event.preventDefault();
      void navigate(`/facilities/${highlighted.facility.facilityId}`);
    }
  }

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

  const question = capabilities.map((id) => NAMES[id]).join(' and ');
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

      <section className="card map-controls" aria-label="What to map">
        <fieldset className="field">
          <legend>Capabilities the patient needs</legend>
          <div className="map-controls__capabilities">
            {CAPABILITY_IDS.map((id) => (
              <label key={id} className="checkbox">
                <input type="checkbox" checked={capabilities.includes(id)} onChange={(event) => toggleCapability(id, event.target.checked)} />
                {NAMES[id]}
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
            <select
              id="map-state"
              value={state}
              onChange={(event) => {
                setState(event.target.value);
                setActive(0);
              }}
            >
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
              onChange={(event) => {
                setSince(event.target.value);
                setActive(0);
              }}
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

      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
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
          <div className="map-legend" role="group" aria-label="Show or hide each kind of facility">
            {MAP_COVERAGES.map((coverage) => (
              <button
                key={coverage}
                type="button"
                className={`map-legend__item map-legend__item--${coverage}`}
                aria-pressed={shown.has(coverage)}
                onClick={() => toggleShown(coverage)}
              >
                <span className="map-legend__symbol" aria-hidden="true">
                  {LEGEND_SYMBOLS[coverage]}
                </span>
                {MAP_COVERAGE_LABELS[coverage]}
                <span className="count">{counts[coverage].toLocaleString()}</span>
              </button>
            ))}
          </div>

          <div className="map-layout">
            <figure className="card card--flush map-figure">
              <svg
                viewBox={`${frame.x} ${frame.y} ${frame.width} ${frame.height}`}
                className="map"
                role="img"
                aria-label={`Map of ${listed.length.toLocaleString()} facilities shown; the list beside it holds the same facilities and works with the keyboard.`}
              >
                {STATE_PATHS.filter((path) => !state || !INSET_CODES.has(path.key) || INSET_FIPS[state] === path.key).map((path) => (
                  <path key={path.key} d={path.d} className="map__state" />
                ))}
                {DRAW_ORDER.filter((coverage) => shown.has(coverage)).map((coverage) => (
                  <g key={coverage} className={`map__markers map__markers--${coverage}`}>
                    {listed.map(({ facility, point }) =>
                      point && facility.coverage === coverage ? (
                        <path
                          key={facility.facilityId}
                          d={MARKERS[coverage]}
                          transform={`translate(${point[0].toFixed(1)},${point[1].toFixed(1)}) scale(${markerScale.toFixed(2)})`}
                          onClick={() => void navigate(`/facilities/${facility.facilityId}`)}
                        >
                          <title>{`${facility.name}, ${facility.city} ${facility.state}: ${MAP_COVERAGE_LABELS[coverage]}`}</title>
                        </path>
                      ) : null,
                    )}
                  </g>
                ))}
                {highlighted?.point ? (
                  <circle
                    className="map__highlight"
                    cx={highlighted.point[0]}
                    cy={highlighted.point[1]}
                    r={9 * markerScale}
                    data-facility-id={highlighted.facility.facilityId}
                  />
                ) : null}
              </svg>
              <figcaption className="small muted">Click a facility to open it. Boundaries: U.S. Census Bureau, via the us-atlas package.</figcaption>
            </figure>

            <div className="card card--flush map-list-card">
              <p className="small muted map-list-card__hint" id="map-list-hint">
                {listed.length.toLocaleString()} facilities. Use the arrow keys, Page Up/Down, Home and End to move; Enter opens the facility.
              </p>
              <div
                ref={listRef}
                className="map-list"
                role="listbox"
                tabIndex={0}
                aria-label="Facilities on the map"
                aria-describedby="map-list-hint"
                aria-activedescendant={highlighted ? `map-option-${highlighted.facility.facilityId}` : undefined}
                onKeyDown={onListKey}
              >
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {virtualizer.getVirtualItems().map((item) => {
                    const entry = listed[item.index]!;
                    const { facility } = entry;
                    return (
                      <div
                        key={facility.facilityId}
                        id={`map-option-${facility.facilityId}`}
                        role="option"
                        aria-selected={item.index === active}
                        className={`map-option${item.index === active ? ' map-option--active' : ''}`}
                        style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                        title={listDetail(entry, since)}
                        onMouseEnter={() => setActive(item.index)}
                        onClick={() => void navigate(`/facilities/${facility.facilityId}`)}
                      >
                        <span className="map-option__name">
                          <span className={`map-option__symbol map-option__symbol--${facility.coverage}`} aria-hidden="true">
                            {LEGEND_SYMBOLS[facility.coverage]}
                          </span>
                          {facility.name}
                        </span>
                        <span className="map-option__detail">{listDetail(entry, since)}</span>
                      </div>
                    );
                  })}
                </div>
                {listed.length === 0 ? <p className="empty">No facility matches. Show more kinds with the buttons above, or choose another state.</p> : null}
              </div>
            </div>
          </div>
          {since ? <p className="small muted">Counting verifications made on or after {formatDate(since)}.</p> : null}
        </>
      )}
    </div>
  );
}
