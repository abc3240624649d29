/**
 * Timestamps as the States Language takes them (RFC 3339): read by the Wait state, the Choice
 * timestamp rules and IsTimestamp, and checked by the validator in definitions.
 */

/** RFC 3339 timestamps as the States Language requires them (an uppercase T, a zone designator). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  // RFC 3339's day must exist in its month and its hour runs 00-23; Date.parse would roll
  // 2016-02-30 over to March 1st and T24:00 over to the next day.
  const [, year, month, day, hour] = match.map(Number);
  if (hour > 23 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
