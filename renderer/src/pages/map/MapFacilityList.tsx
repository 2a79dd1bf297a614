import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { formatDate } from '../../../../shared/calendar';
import type { MapFacility } from '../../../../shared/facility-map';
import { CAPABILITY_NAMES } from '../../capability-names';
import { LEGEND_SYMBOLS, type Placed } from './map-drawing';

const ROW_HEIGHT = 58;

function describeShortfalls(facility: MapFacility, since: string): string {
  const words = {
    not_available: 'not available',
    unknown: 'unknown',
    details_against: 'offered, but details against it',
    details_not_sure: 'offered, but details not sure',
    not_verified_since: `verified before ${formatDate(since)}`,
  } as const;
  return facility.shortfalls
    .map((shortfall) => `${CAPABILITY_NAMES[shortfall.capability]} ${words[shortfall.reason]}${shortfall.details?.length ? ` (${shortfall.details.join('; ')})` : ''}`)
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

/**
 * The facilities on the map as a list that works with the keyboard (arrows, Page Up/Down, Home,
 * End; Enter opens one); the one active here is the one ringed on the map.
 */
export function MapFacilityList({ listed, active, since, onActive }: { listed: Placed[]; active: number; since: string; onActive(index: number): void }) {
  const navigate = useNavigate();
  const listRef = useRef<HTMLDivElement>(null);
  const highlighted = listed[active];
  const virtualizer = useVirtualizer({
    count: listed.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(listed.length - 1, index));
    onActive(next);
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

  return (
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
                onMouseEnter={() => onActive(item.index)}
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
  );
}
