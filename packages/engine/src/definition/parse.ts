/**
 * Turns definition text (JSON or YAML) into a value plus a way to find any JSON pointer's line and
 * column in that text. Text whose first character opens a JSON object or array is read as JSON,
 * strictly, the way AWS reads it; anything else is read as YAML (for files kept in YAML).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { Codes, error, pointerTokens, warning, type Diagnostic } from './diagnostics.ts';
import { parseJsonText, positionInTree, type PositionNode, type TextPosition } from './json-text.ts';

export interface ParsedDefinitionText {
  value?: unknown;
  diagnostics: Diagnostic[];
  positionOf(pointer: string): TextPosition | undefined;
}

const noPositions = (): undefined => undefined;

export function parseDefinitionText(text: string): ParsedDefinitionText {
  if (typeof text !== 'string') {
    return { diagnostics: [error(Codes.missingDescription, 'The definition text must be a string.', '')], positionOf: noPositions };
  }
  const firstContent = /\S/.exec(text);
  if (!firstContent) {
    return { diagnostics: [error(Codes.missingDescription, 'The definition is empty: expected a JSON object with StartAt and States.', '')], positionOf: noPositions };
  }
  const opener = firstContent[0];
  return opener === '{' || opener === '[' ? parseJson(text) : parseYaml(text);
}

function parseJson(text: string): ParsedDefinitionText {
  const result = parseJsonText(text, false);
  // Positions are needed only when something is reported; the tree is built on first use.
  let root: PositionNode | undefined;
  const positionOf = (pointer: string) => {
    root ??= parseJsonText(text, true).root;
    return positionInTree(root, pointerTokens(pointer));
  };
  if (result.syntaxError) {
    const { message, position } = result.syntaxError;
    return {
      diagnostics: [{ ...error(Codes.invalidJson, `Invalid JSON at line ${position.line}, column ${position.column}: ${message}.`, ''), ...position }],
      positionOf,
    };
  }
  // AWS's JSON error messages are Jackson's, and Jackson by default keeps the last of repeated keys
  // rather than refusing them (not verified against AWS itself), so a repeated key is not made an
  // error here; it is still almost always a mistake worth a warning.
  const diagnostics = result.duplicateKeys.map((problem) => ({
    ...warning(Codes.duplicateJsonKey, `Property '${problem.key ?? ''}' appears more than once in this object; only its last value is used.`, problem.pointer ?? ''),
    ...problem.position,
  }));
  return { value: result.value, diagnostics, positionOf };
}

function parseYaml(text: string): ParsedDefinitionText {
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
