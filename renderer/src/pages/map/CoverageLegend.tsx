import { MAP_COVERAGE_LABELS, MAP_COVERAGES, type MapCoverage } from '../../../../shared/facility-map';
import { LEGEND_SYMBOLS } from './map-drawing';

/** The four kinds of facility with their counts; each button shows or hides its kind. */
export function CoverageLegend({ counts, shown, onToggle }: { counts: Record<MapCoverage, number>; shown: Set<MapCoverage>; onToggle(coverage: MapCoverage): void }) {
  return (
    <div className="map-legend" role="group" aria-label="Show or hide each kind of facility">
      {MAP_COVERAGES.map((coverage) => (
        <button key={coverage} type="button" className={`map-legend__item map-legend__item--${coverage}`} aria-pressed={shown.has(coverage)} onClick={() => onToggle(coverage)}>
          <span className="map-legend__symbol" aria-hidden="true">
            {LEGEND_SYMBOLS[coverage]}
          </span>
          {MAP_COVERAGE_LABELS[coverage]}
          <span className="count">{counts[coverage].toLocaleString()}</span>
        </button>
      ))}
    </div>
  );
}
