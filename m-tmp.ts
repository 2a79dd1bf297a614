import { openCore } from './electron/core/core';
import { capabilityMatrix, loadMatrixRows } from './electron/core/capability-matrix';
import { filterAndSortMatrix, matrixFilterSchema } from './shared/capability-matrix';
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
(async () => {
  const core = await openCore({ dataDirectory: '/tmp/seed2', appVersion: 'x' });
  const f = matrixFilterSchema.parse({});
  const sql = 'SELECT f.id, f.name, f.ccn, f.city, f.state, f.facility_type, f.ownership, f.zip, f.latitude, f.longitude, sp.* FROM facilities f LEFT JOIN standing_profiles sp ON sp.facility_id = f.id WHERE f.archived = 0 ORDER BY lower(f.name), f.name, f.id';
  const raw = core.database.sqlite.prepare(sql).raw(true);
  const A: number[] = [], B: number[] = [], C: number[] = [], D: number[] = [];
  for (let i = 0; i < 30; i++) {
    let t = performance.now(); raw.all(); A.push(performance.now() - t);
    t = performance.now(); const rows = await loadMatrixRows(core.database, f, '2026-11-23', 12); B.push(performance.now() - t);
    t = performance.now(); filterAndSortMatrix(rows, f); C.push(performance.now() - t);
    t = performance.now(); await capabilityMatrix(core.database, f, '2026-11-23', 12); D.push(performance.now() - t);
  }
  console.log(`raw ${med(A)} load ${med(B)} filterSort ${med(C)} capabilityMatrix ${med(D)}`);
  await core.close();
})();
