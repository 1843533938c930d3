/** Singular values in decreasing order on a log axis, one line per mask. */
export function SingularValuePlot({ series, label }: { series: { name: string; values: number[]; cls: string }[]; label: string }) {
  const width = 320;
  const height = 160;
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const max = Math.log10(Math.max(...all));
  const min = Math.max(Math.log10(Math.min(...all)), max - 16);
  const n = Math.max(...series.map((s) => s.values.length));
  const x = (i: number) => 30 + (i / Math.max(1, n - 1)) * (width - 40);
  const y = (v: number) => 10 + ((max - Math.max(min, Math.log10(Math.max(v, 1e-300)))) / Math.max(1e-9, max - min)) * (height - 30);
  return (
    <svg class="mask-plot" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line x1="30" y1={height - 20} x2={width - 10} y2={height - 20} class="mask-axis" />
      <line x1="30" y1="10" x2="30" y2={height - 20} class="mask-axis" />
      {series.map((s) => (
        <polyline key={s.name} class={s.cls} fill="none" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
      ))}
    </svg>
  );
}
