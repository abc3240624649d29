/** Formatting the engine benchmark's table: plain fixed-width text, one row per workload × engine. */

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export function formatRow(columns: readonly Column[], cells: readonly string[]): string {
  return columns
    .map((column, i) => {
      const cell = cells[i] ?? '';
      return column.align === 'left' ? cell.padEnd(column.width) : cell.padStart(column.width);
    })
    .join(' ')
    .trimEnd();
}

/** A number with a precision that suits its size: 0.0123, 1.23, 12.3, 1,234. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

export function ratio(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
}
