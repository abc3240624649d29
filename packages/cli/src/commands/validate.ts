/**
 * `stepwise validate FILE…`: checks each Amazon States Language definition (JSON or YAML) with the
 * engine's validator and prints every diagnostic as `file:line:col CODE message`, or a JSON array
 * for tools. Exit code: 0 all valid, 1 any invalid, 2 any file unreadable (or bad usage).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { validateDefinition, type Diagnostic } from '@stepwise/engine';

interface FileReport {
  file: string;
  valid: boolean;
  diagnostics: { severity: Diagnostic['severity']; code: string; message: string; location: string; line?: number; column?: number }[];
  /** Set when the file could not be read; such files make the exit code 2. */
  unreadable?: boolean;
}

interface Options {
  format: 'text' | 'json';
  checkArns: boolean;
  errorsOnly: boolean;
  files: string[];
}

const usage = `Usage: stepwise validate [options] FILE|DIRECTORY...

Validates Amazon States Language definitions (JSON or YAML). Directories are searched for
*.json, *.asl.json, *.yaml and *.yml files.

Options:
  --format text|json  text (default): one "file:line:col CODE message" line per diagnostic;
                      json: an array with {file, valid, diagnostics} per file
  --check-arns        also check Task resource ARNs (off by default so placeholders pass)
  --errors-only       leave out warnings
  -h, --help          show this help

Exit status: 0 all valid, 1 any invalid, 2 any file unreadable or bad usage.`;

/** Files read at once; enough to keep the disk busy, few enough to stay clear of descriptor limits. */
const concurrency = 32;
const definitionFile = /\.(json|ya?ml)$/i;

export default {
  summary: 'Validate state machine definitions (JSON or YAML) with AWS-style diagnostics',
  usage,
  async run(args: string[]): Promise<number> {
    const parsed = parseArguments(args);
    if (parsed === 'help') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (typeof parsed === 'string') {
      process.stderr.write(`stepwise validate: ${parsed}\n${usage}\n`);
      return 2;
    }
    const files = await expandDirectories(parsed.files);
    const reports = await mapLimited(files, concurrency, (file) => validateFile(file, parsed));
    if (parsed.format === 'json') {
      const entries = reports.map(({ unreadable: _unreadable, ...entry }) => entry);
      process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    } else {
      process.stdout.write(formatText(reports));
      const invalid = reports.filter((report) => !report.valid).length;
      process.stderr.write(`${reports.length} file(s) checked: ${reports.length - invalid} valid, ${invalid} invalid\n`);
    }
    if (reports.some((report) => report.unreadable)) return 2;
    return reports.every((report) => report.valid) ? 0 : 1;
  },
};

function parseArguments(args: string[]): Options | 'help' | string {
  const options: Options = { format: 'text', checkArns: false, errorsOnly: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--check-arns') options.checkArns = true;
    else if (arg === '--errors-only') options.errorsOnly = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return `--format takes text or json, not ${value ?? 'nothing'}`;
      options.format = value;
    } else if (arg === '--') options.files.push(...args.slice(i + 1)), (i = args.length);
    else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    else options.files.push(arg);
  }
  if (options.files.length === 0) return 'no files given';
  return options;
}

/** Directories become the definition files beneath them, sorted; other arguments stay as given. */
async function expandDirectories(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    const found = entries
      .filter((entry) => entry.isFile() && definitionFile.test(entry.name))
      .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
      .filter((file) => !file.split(/[\\/]/).includes('node_modules'))
      .sort();
    files.push(...found);
  }
  return files;
}

async function validateFile(file: string, options: Options): Promise<FileReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (caught) {
    const reason = (caught as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : caught instanceof Error ? caught.message : String(caught);
    return {
      file,
      valid: false,
      unreadable: true,
      diagnostics: [{ severity: 'ERROR', code: 'UNREADABLE_FILE', message: `Cannot read the file: ${reason}.`, location: '' }],
    };
  }
  // A byte-order mark is not part of the JSON text.
  const result = validateDefinition(text.replace(/^\uFEFF/, ''), { checkArns: options.checkArns, errorsOnly: options.errorsOnly });
  return {
    file,
    valid: result.valid,
    diagnostics: result.diagnostics.map(({ severity, code, message, location, line, column }) => ({ severity, code, message, location, line, column })),
  };
}

function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      const where = `${report.file}:${diagnostic.line ?? 1}:${diagnostic.column ?? 1}`;
      const severity = diagnostic.severity === 'WARNING' ? 'warning: ' : '';
      const pointer = diagnostic.location === '' ? '' : ` (at ${diagnostic.location})`;
      lines.push(`${where} ${diagnostic.code} ${severity}${diagnostic.message}${pointer}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
