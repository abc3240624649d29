/**
 * Property test: random mutations of valid definitions (fields deleted, replaced with values of
 * other kinds, renamed, duplicated across scopes) never make the validator throw, and every
 * diagnostic keeps its contract (known severity, a code, a message, a pointer into the input).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/index.ts';

/** Valid definitions of the validation corpus widen the seeds to every feature its origins use. */
const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/validation/cases');
const corpusSeeds: unknown[] = readdirSync(corpusDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as { valid: boolean; definition: unknown })
  .filter((testCase) => testCase.valid && typeof testCase.definition === 'object')
  .map((testCase) => testCase.definition);

const handWrittenSeeds: unknown[] = [
  {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { 'Payload.$': '$', FunctionName: 'f' },
        Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F', ResultPath: '$.error' }],
        Next: 'C',
      },
      C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.a', NumericGreaterThan: 1 }, { Not: { Variable: '$.b', IsNull: true } }], Next: 'W' }], Default: 'S' },
      W: { Type: 'Wait', Seconds: 3, Next: 'P' },
      P: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Pass', Result: { x: 1 }, End: true } } }],
        Next: 'M',
      },
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        Next: 'S',
      },
      S: { Type: 'Succeed' },
      F: { Type: 'Fail', Error: 'E', Cause: 'C' },
    },
  },
  {
    QueryLanguage: 'JSONata',
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Output: { v: '{% $states.input.v * 2 %}' }, Assign: { n: '{% 1 %}' }, Next: 'B' },
      B: { Type: 'Choice', Choices: [{ Condition: '{% $n > 0 %}', Next: 'D' }], Default: 'D' },
      D: { Type: 'Map', Items: '{% [1,2] %}', ItemProcessor: { StartAt: 'E', States: { E: { Type: 'Succeed' } } }, End: true },
    },
  },
];

const seeds = [...handWrittenSeeds, ...corpusSeeds];
const anyJson = fc.jsonValue({ maxDepth: 3 });

type Path = (string | number)[];

function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => allPaths(item, [...prefix, index], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) allPaths(item, [...prefix, key], out);
  return out;
}

function mutate(seed: unknown, pathIndex: number, kind: number, replacement: unknown, key: string): unknown {
  const copy = structuredClone(seed);
  const paths = allPaths(copy);
  const path = paths[pathIndex % paths.length];
  if (path.length === 0) return kind % 2 === 0 ? replacement : copy;
  let parent: any = copy;
  for (const step of path.slice(0, -1)) parent = parent[step];
  const last = path[path.length - 1];
  switch (kind % 4) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 1:
      parent[last] = replacement;
      break;
    case 2:
      if (!Array.isArray(parent)) {
        parent[key] = parent[last];
        delete parent[last];
      }
      break;
    default:
      if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) parent[last][key] = replacement;
      else parent[last] = [replacement, parent[last]];
  }
  return copy;
}

// Thousands of validations: allow for a busy machine.
describe('validateDefinition under random mutation', { timeout: 180_000 }, () => {
  it('never throws and keeps the diagnostic contract', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat(), anyJson, fc.oneof(fc.string(), fc.constantFrom('Type', 'Next', 'End', 'States', 'StartAt', 'Branches', 'Choices', 'Catch', 'S', 'I'))), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (seed, mutations, asText) => {
          let definition = seed;
          for (const [pathIndex, kind, replacement, key] of mutations) definition = mutate(definition, pathIndex, kind, replacement, key);
          const input = asText ? JSON.stringify(definition) : definition;
          const result = validateDefinition(input);
          for (const diagnostic of result.diagnostics) {
            expect(diagnostic.code).not.toBe('INTERNAL_ERROR');
            expect(['ERROR', 'WARNING']).toContain(diagnostic.severity);
            expect(diagnostic.message.length).toBeGreaterThan(0);
            expect(diagnostic.location === '' || diagnostic.location.startsWith('/')).toBe(true);
          }
          expect(result.valid).toBe(!result.diagnostics.some((d) => d.severity === 'ERROR'));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary JSON or arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json()), (input) => {
        const result = validateDefinition(input);
        expect(result.diagnostics.every((d) => d.code !== 'INTERNAL_ERROR')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
