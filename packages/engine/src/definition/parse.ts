/**
 * Turns definition text (JSON or YAML) into a value plus a way to find any JSON pointer's line and
 * column in that text. Text whose first character opens a JSON object or array is read as JSON,
 * strictly, the way AWS reads it; anything else is read as YAML (for files kept in YAML) by the
 * reader the default entry installs (yaml-reader.ts): the core entry leaves the yaml package out.
 */
import { Codes, error, pointerTokens, warning, type Diagnostic } from './diagnostics.ts';
import { parseJsonText, positionInTree, type PositionNode, type TextPosition } from './json-text.ts';

export interface ParsedDefinitionText {
  value?: unknown;
  diagnostics: Diagnostic[];
  positionOf(pointer: string): TextPosition | undefined;
}

export type DefinitionTextReader = (text: string) => ParsedDefinitionText;

const noPositions = (): undefined => undefined;

let yamlReader: DefinitionTextReader | undefined;

/** Give the validator a YAML reader (the default entry installs yaml-reader.ts's). */
export function installYamlReader(reader: DefinitionTextReader): void {
  yamlReader = reader;
}

export function parseDefinitionText(text: string): ParsedDefinitionText {
  if (typeof text !== 'string') {
    return { diagnostics: [error(Codes.missingDescription, 'The definition text must be a string.', '')], positionOf: noPositions };
  }
  const firstContent = /\S/.exec(text);
  if (!firstContent) {
    return { diagnostics: [error(Codes.missingDescription, 'The definition is empty: expected a JSON object with StartAt and States.', '')], positionOf: noPositions };
  }
  const opener = firstContent[0];
  if (opener === '{' || opener === '[') return parseJson(text);
  return yamlReader ? yamlReader(text) : yamlNotLoaded(text, firstContent.index);
}

/** Not JSON, and no YAML reader to try: say both, at the first character, rather than guess which was meant. */
function yamlNotLoaded(text: string, offset: number): ParsedDefinitionText {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const message =
    `The definition text is not JSON (it does not start with '{' or '['), and YAML support is not loaded: '@stepwise/engine/core' leaves it out of the bundle. ` +
    `Import from '@stepwise/engine' instead to read YAML, or give JSON text or an object.`;
  return { diagnostics: [{ ...error(Codes.yamlNotLoaded, message, ''), line, column }], positionOf: noPositions };
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
