import { Deferred } from './Deferred';
import type { GpuFitTableProps } from './GpuFitTable';

// A comparison table is a secondary panel: rendered on the server, its code loaded after start-up.
const GpuFitTableOnServer = import.meta.env.SSR ? (await import('./GpuFitTable')).GpuFitTable : null;
const loadGpuFitTable = () => import('./GpuFitTable').then((m) => m.GpuFitTable);

/** `<GpuFitTable>` through `Deferred`: its rows follow the reader once its code has loaded. */
export function DeferredGpuFitTable(props: GpuFitTableProps) {
  return <Deferred server={GpuFitTableOnServer} load={loadGpuFitTable} props={props} />;
}
