/**
 * Definition text in YAML (for files kept in YAML): its value, and the line and column of any JSON
 * pointer. Kept apart from parse.ts so that only the default entry, which installs this reader,
 * brings the yaml package into a bundle.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { Codes, error, pointerTokens } from './diagnostics.ts';
import type { TextPosition } from './json-text.ts';
import type { ParsedDefinitionText } from './parse.ts';

const noPositions = (): undefined => undefined;

export function readYamlDefinition(text: string): ParsedDefinitionText {
  const lineCounter = new LineCounter();
  let document;
  try {
    document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (caught) {
    return {
      diagnostics: [error(Codes.invalidJson, `Invalid YAML: ${caught instanceof Error ? caught.message : String(caught)}.`, '')],
      positionOf: noPositions,
    };
  }
  const toPosition = (offset: number): TextPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const positionOf = (pointer: string): TextPosition | undefined => {
    let node: unknown = document.contents;
    let best = rangeStart(node, toPosition);
    for (const token of pointerTokens(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === token);
        if (!pair) return best;
        best = rangeStart(pair.key, toPosition) ?? best;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(token)];
        if (!/^(0|[1-9][0-9]*)$/.test(token) || item === undefined) return best;
        node = item;
        best = rangeStart(item, toPosition) ?? best;
      } else {
        return best;
      }
    }
    return best;
  };
  const problems = [...document.errors];
  if (problems.length > 0) {
    const diagnostics = problems.map((problem) => {
      const position = toPosition(problem.pos[0]);
      const message = problem.message.split('\n')[0];
      return { ...error(Codes.invalidJson, `Invalid YAML at line ${position.line}, column ${position.column}: ${message}`, ''), ...position };
    });
    return { diagnostics, positionOf };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (caught) {
    return {
      diagnostics: [error(Codes.invalidJson, `Invalid YAML: ${caught instanceof Error ? caught.message : String(caught)}.`, '')],
      positionOf,
    };
  }
  if (typeof value !== 'object' || value === null) {
    // Plain words parse as a YAML scalar; as a definition they are simply not JSON.
    const token = /\S+/.exec(text)?.[0] ?? '';
    const position = rangeStart(document.contents, toPosition) ?? { line: 1, column: 1 };
    return {
      diagnostics: [
        { ...error(Codes.invalidJson, `Unrecognized token '${token.slice(0, 30)}': expected a JSON object (or YAML mapping) with StartAt and States.`, ''), ...position },
      ],
      positionOf,
    };
  }
  return { value, diagnostics: [], positionOf };
}

function rangeStart(node: unknown, toPosition: (offset: number) => TextPosition): TextPosition | undefined {
  const range = (node as YamlNode | undefined)?.range;
  return range ? toPosition(range[0]) : undefined;
}
