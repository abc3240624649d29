/**
 * How each state type looks: colour and icon. Shared by the canvas and the SVG export, so an
 * exported picture looks like the screen. Icons are 16×16 stroke paths.
 */
export interface TypeLook {
  color: string;
  soft: string;
  icon: string;
}

export const TYPE_LOOKS: Record<string, TypeLook> = {
  Task: { color: '#2563eb', soft: '#eff6ff', icon: 'M9.5 1.5 3 9h4.5L6.5 14.5 13 7H8.5z' },
  Pass: { color: '#475569', soft: '#f1f5f9', icon: 'M2 8h11M9 4l4 4-4 4' },
  Choice: { color: '#d97706', soft: '#fffbeb', icon: 'M8 1.5 14.5 8 8 14.5 1.5 8z' },
  Wait: { color: '#0891b2', soft: '#ecfeff', icon: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2zM8 4.5V8l2.5 1.5' },
  Succeed: { color: '#16a34a', soft: '#f0fdf4', icon: 'M2.5 8.5l3.5 3.5 7.5-8' },
  Fail: { color: '#dc2626', soft: '#fef2f2', icon: 'M3.5 3.5l9 9M12.5 3.5l-9 9' },
  Parallel: { color: '#7c3aed', soft: '#f5f3ff', icon: 'M4 2v12M8 2v12M12 2v12' },
  Map: { color: '#db2777', soft: '#fdf2f8', icon: 'M2 4h12M2 8h12M2 12h12M2 2v12' },
};

export const UNKNOWN_LOOK: TypeLook = { color: '#71717a', soft: '#fafafa', icon: 'M8 3v6M8 12v1' };

export function lookOf(type: string | undefined): TypeLook {
  return (type && TYPE_LOOKS[type]) || UNKNOWN_LOOK;
}

export const EDGE_COLORS: Record<string, string> = {
  next: '#64748b',
  start: '#94a3b8',
  end: '#94a3b8',
  choice: '#b45309',
  default: '#b45309',
  catch: '#dc2626',
};
