/// <reference types="node" />
/**
 * The histories real AWS recorded, from the repository's conformance corpus
 * (test/conformance/cases, derived from LocalStack's AWS-validated snapshots; see its NOTICE).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface RecordedCase {
  file: string;
  name: string;
  definition: unknown;
  features: string[];
  expected: { status: string; output?: unknown; error?: string; cause?: string; history: Record<string, unknown>[] | null };
}

const dir = new URL('../../../../test/conformance/cases/', import.meta.url);

export function loadRecordedCases(): RecordedCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Omit<RecordedCase, 'file'>) }));
}

export function loadRecordedCase(prefix: string): RecordedCase {
  const found = loadRecordedCases().find((c) => c.file.startsWith(prefix));
  if (!found) throw new Error(`no conformance case ${prefix}`);
  return found;
}
