import { geoAlbersUsa, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import statesAtlas from 'us-atlas/states-albers-10m.json';
import type { MapCoverage, MapFacility } from '../../../../shared/facility-map';

export const WIDTH = 975;
export const HEIGHT = 610;
// us-atlas ships the Census boundaries already projected with exactly this projection, so facility
// points projected here land on the drawn states.
export const projection = geoAlbersUsa().scale(1300).translate([WIDTH / 2, HEIGHT / 2]);
const topology = statesAtlas as unknown as Topology<{ states: GeometryCollection }>;
const drawPath = geoPath();
export const STATE_PATHS = (feature(topology, topology.objects.states).features as { id?: string | number }[]).map((state, index) => ({
  key: String(state.id ?? index),
  d: drawPath(state as never) ?? '',
}));
/** Alaska and Hawaii are insets near Texas; a state's close-up leaves them out unless it is one of them. */
export const INSET_FIPS: Record<string, string> = { AK: '02', HI: '15' };
export const INSET_CODES = new Set(Object.values(INSET_FIPS));

/** Shape as well as colour tells the classes apart; sizes are in map units at full zoom. */
export const MARKERS: Record<MapCoverage, string> = {
  on_site: 'M0,-3.4A3.4,3.4 0 1 1 0,3.4A3.4,3.4 0 1 1 0,-3.4Z',
  with_partner: 'M0,-4L4,0L0,4L-4,0Z',
  gap: 'M0,-4L3.6,3L-3.6,3Z',
  unassessed: 'M0,-2.6A2.6,2.6 0 1 1 0,2.6A2.6,2.6 0 1 1 0,-2.6Z',
};
export const LEGEND_SYMBOLS: Record<MapCoverage, string> = { on_site: '●', with_partner: '◆', gap: '▲', unassessed: '○' };
/** Drawn in this order so the facilities that can take the patient sit on top. */
export const DRAW_ORDER: MapCoverage[] = ['unassessed', 'gap', 'with_partner', 'on_site'];

/** A facility and where it lands on the drawn map, if it has a place and that place is drawn. */
export interface Placed {
  facility: MapFacility;
  point: [number, number] | null;
}

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}
export const WHOLE_MAP: Frame = { x: 0, y: 0, width: WIDTH, height: HEIGHT };

/** Frames the chosen state's facilities, keeping the map's proportions. */
export function frameFor(points: [number, number][]): Frame {
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
