/**
 * `stepwise` — the command-line entry point. Each command lives in its own module under
 * commands/ and returns the process exit code; nothing here prints a stack trace to users.
 */
import { pathToFileURL } from 'node:url';

export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.ts')).default,
  validate: async () => (await import('./commands/validate.ts')).default,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`stepwise: unknown command '${name}'. Run 'stepwise --help' for the list.\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`stepwise ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

async function printHelp(): Promise<void> {
  const lines = ['Usage: stepwise <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    try {
      const command = await load();
      lines.push(`  ${name.padEnd(10)} ${command.summary}`);
    } catch {
      lines.push(`  ${name}`);
    }
  }
  lines.push('', "Run 'stepwise <command> --help' for a command's options.");
  process.stdout.write(lines.join('\n') + '\n');
}

// Run directly (`tsx packages/cli/src/main.ts`, the root `npm run stepwise`), not when imported by
// bin/stepwise.js. pathToFileURL so paths with spaces or other escaped characters still match.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
