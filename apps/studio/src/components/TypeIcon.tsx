import { lookOf } from '../model/appearance';

export function TypeIcon({ type, size = 16 }: { type: string | undefined; size?: number }) {
  const look = lookOf(type);
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="type-icon">
      <path d={look.icon} fill="none" stroke={look.color} strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
