/** The README's examples are these files, verbatim, and they do what the README says. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README examples', () => {
  it.each(readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')))('%s is in the README verbatim', (file) => {
    expect(readme).toContain(readFileSync(join(root, 'examples', file), 'utf8').trim());
  });

  it('quick start', async () => {
    const { result } = await import('../examples/quick-start.ts');
    expect(result).toEqual({ status: 'SUCCEEDED', output: { message: 'Hello, Ada!' } });
  });

  it('tasks and virtual time', async () => {
    const { result, history } = await import('../examples/tasks-and-time.ts');
    expect(result).toEqual({ status: 'SUCCEEDED', output: { orderId: 'o-17', amount: 42, charge: { receipt: { paid: 42 } } } });
    const events = history.events;
    const entered = events.find((e) => e.type === 'WaitStateEntered')!;
    const exited = events.find((e) => e.type === 'WaitStateExited')!;
    expect(Date.parse(exited.timestamp) - Date.parse(entered.timestamp)).toBe(86_400_000);
  });

  it('mocks and callbacks', async () => {
    const { result } = await import('../examples/mocks-and-callbacks.ts');
    expect(result).toEqual({ status: 'SUCCEEDED', output: { check: { score: 0.93 }, decision: { approved: true } } });
  });

  it('validation', async () => {
    const { valid, diagnostics } = await import('../examples/validate.ts');
    expect(valid).toBe(false);
    expect(diagnostics[0]).toMatchObject({ code: 'MISSING_TRANSITION_TARGET', location: '/States/First/Next', line: 4 });
  });
});
