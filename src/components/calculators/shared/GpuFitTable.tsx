/** One accelerator (or N of them) against what the reader's setting needs, already formatted. */
export interface GpuFitRow {
  id: string;
  /** "H100 80GB", or "8 × H100 80GB". */
  name: string;
  /** Memory the setting may use on it. */
  capacity: string;
  /** What the setting needs there, where the table has that column. */
  need?: string;
  fits: boolean;
  /** "✓ fits" / "✗ short by 3.2 GiB". */
  verdict: string;
}

export interface GpuFitTableProps {
  caption: string;
  headers: { gpu: string; capacity: string; need?: string; fit: string };
  rows: readonly GpuFitRow[];
  class?: string;
}

/** "Does it fit these GPUs": one row per accelerator; `data-fits` lets styles and tests read the verdict. */
export function GpuFitTable({ caption, headers, rows, class: extra }: GpuFitTableProps) {
  return (
    <table class={extra ? `calc-fit-table ${extra}` : 'calc-fit-table'}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{headers.gpu}</th>
          <th scope="col">{headers.capacity}</th>
          {headers.need !== undefined && <th scope="col">{headers.need}</th>}
          <th scope="col">{headers.fit}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-gpu={row.id} data-fits={row.fits ? 'true' : 'false'}>
            <th scope="row">{row.name}</th>
            <td>{row.capacity}</td>
            {headers.need !== undefined && <td>{row.need ?? ''}</td>}
            <td>
              <output>{row.verdict}</output>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
