import { describe, expect, it } from 'vitest';
import { Cancellation } from '../../src/cancellation.ts';
import type { Json } from '../../src/index.ts';
import { engine } from './helpers.ts';

describe('Cancellation', () => {
  it('runs each listener once, with the reason set, and none added after the abort', () => {
    const cancellation = new Cancellation();
    const heard: unknown[] = [];
    const removed = () => heard.push('removed');
    cancellation.addEventListener('abort', () => heard.push(cancellation.reason));
    cancellation.addEventListener('abort', removed);
    cancellation.removeEventListener('abort', removed);
    cancellation.abort('stop');
    cancellation.abort('again');
    cancellation.addEventListener('abort', () => heard.push('late'));
    expect(heard).toEqual(['stop']);
    expect(cancellation.aborted).toBe(true);
  });

  it('a child stops with its parent, and once released no longer listens to it', () => {
    const parent = new Cancellation();
    const child = Cancellation.childOf(parent);
    const released = Cancellation.childOf(parent);
    released.release();
    parent.abort('parent stopped');
    expect(child).toMatchObject({ aborted: true, reason: 'parent stopped' });
    expect(released.aborted).toBe(false);
    expect(Cancellation.childOf(parent)).toMatchObject({ aborted: true, reason: 'parent stopped' });
  });

  it('a throwing listener does not keep the others from running', () => {
    const cancellation = new Cancellation();
    let ran = false;
    cancellation.addEventListener('abort', () => {
      throw new Error('listener bug');
    });
    cancellation.addEventListener('abort', () => (ran = true));
    cancellation.abort();
    expect(ran).toBe(true);
  });

  it('gives task handlers a platform AbortSignal that aborts when the execution is stopped', async () => {
    let seen: AbortSignal | undefined;
    const machine = engine({ clock: 'real' }).createMachine({
      StartAt: 'Slow',
      States: { Slow: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', End: true } },
    });
    const execution = machine.start({
      tasks: {
        Slow: (_input, { signal }) => {
          seen = signal;
          return new Promise<Json>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
        },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen!.aborted).toBe(false);
    execution.stop();
    expect((await execution.done).status).toBe('ABORTED');
    expect(seen!.aborted).toBe(true);
  });
});
