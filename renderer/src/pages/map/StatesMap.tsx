import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { MAP_COVERAGE_LABELS, type MapCoverage } from '../../../../shared/facility-map';
import { DRAW_ORDER, frameFor, INSET_CODES, INSET_FIPS, MARKERS, STATE_PATHS, WHOLE_MAP, WIDTH, type Placed } from './map-drawing';

/** The states and the facilities shown on them, framed on the chosen state; a click opens a facility. */
export function StatesMap({ placed, listed, shown, state, highlighted }: { placed: Placed[]; listed: Placed[]; shown: Set<MapCoverage>; state: string; highlighted: Placed | undefined }) {
  const navigate = useNavigate();
  const frame = useMemo(() => (state ? frameFor(placed.flatMap(({ point }) => (point ? [point] : []))) : WHOLE_MAP), [placed, state]);
  const markerScale = Math.min(1, Math.max(0.25, frame.width / WIDTH) * 1.6);

  return (
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
          <circle className="map__highlight" cx={highlighted.point[0]} cy={highlighted.point[1]} r={9 * markerScale} data-facility-id={highlighted.facility.facilityId} />
        ) : null}
      </svg>
      <figcaption className="small muted">Click a facility to open it. Boundaries: U.S. Census Bureau, via the us-atlas package.</figcaption>
    </figure>
  );
}
