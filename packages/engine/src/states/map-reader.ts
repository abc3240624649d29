/**
 * A Distributed Map's ItemReader, served locally: the task handler registered for the reader's
 * Resource ARN plays Amazon S3 (AWS's "ItemReader (Map)" page,
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
 *
 * The handler receives the reader's evaluated Parameters (JSONPath) or Arguments (JSONata),
 * e.g. `{ Bucket, Key }`, and answers as S3 would; Stepwise then does what Step Functions does
 * with the answer:
 * - `s3:getObject`: the handler returns the object's content. Text is decoded by
 *   ReaderConfig.InputType: JSON (an array; the default), JSONL (one JSON value a line) or CSV
 *   (rows become objects of strings, headers from the FIRST_ROW or GIVEN in CSVHeaders, split
 *   on CSVDelimiter). A JSON array returned instead of text is taken as the items as they are
 *   (how MANIFEST and PARQUET sources, which Stepwise does not decode, are served).
 * - `s3:listObjectsV2`: the handler returns the ListObjectsV2 answer (`{ Contents: [...] }`) or
 *   the array of objects; each object is one item, as the handler shaped it (AWS's items carry
 *   Etag, Key, LastModified, Size and StorageClass).
 * ReaderConfig.MaxItems (or MaxItemsPath, or a JSONata MaxItems) keeps the first items only;
 * 0 means no limit. A failing handler, or content that does not decode, fails the state with
 * States.ItemReaderFailed.
 */
import type { MapState } from '../definition/asl.ts';
import { compilePath } from '../dataflow/paths.ts';
import { StatesError, StatesErrors, stateFailure } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { compileJsonataNumber } from './jsonata-fields.ts';
import { callResource, compileResourceArguments, requireResourceHandler } from './map-resources.ts';

export type ItemReaderRun = (effective: Json, visit: Visit) => Promise<Json[]>;

const DELIMITERS: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

export function compileItemReader(definition: MapState, queryLanguage: 'JSONPath' | 'JSONata'): ItemReaderRun {
  const reader = definition.ItemReader as JsonObject;
  const resource = typeof reader.Resource === 'string' ? reader.Resource : '';
  const config = isJsonObject(reader.ReaderConfig) ? reader.ReaderConfig : {};
  const args = compileResourceArguments(reader, 'ItemReader', queryLanguage);
  const maxItems = compileMaxItems(config, queryLanguage);
  const listing = /:s3:listObjectsV2$/.test(resource);
  const inputType = typeof config.InputType === 'string' ? config.InputType : 'JSON';

  return async (effective, visit) => {
    const handler = requireResourceHandler(
      visit,
      'ItemReader',
      resource,
      listing
        ? 'it receives the ItemReader\'s Parameters ({ Bucket, Prefix, … }) and returns the ListObjectsV2 answer ({ Contents: [...] }) or the array of objects. Or pass the items in the state input instead.'
        : 'it receives the ItemReader\'s Parameters ({ Bucket, Key, … }) and returns the object\'s content: its text (decoded by ReaderConfig.InputType) or the array of items. Or pass the items in the state input instead.',
    );
    const limit = await maxItems(effective, visit);
    const request = await args(effective, visit);
    const answer = await callResource(handler, resource, request, visit, StatesErrors.ItemReaderFailed);
    const items = listing ? listedObjects(answer) : decodeObject(answer, inputType, config);
    return limit > 0 && items.length > limit ? items.slice(0, limit) : items;
  };
}

function listedObjects(answer: Json): Json[] {
  if (Array.isArray(answer)) return answer;
  if (isJsonObject(answer) && (answer.Contents === undefined || Array.isArray(answer.Contents))) return (answer.Contents as Json[] | undefined) ?? [];
  throw readerFailed(`The ListObjectsV2 answer must be an object with a Contents array, or an array of objects; got ${describe(answer)}.`);
}

function decodeObject(answer: Json, inputType: string, config: JsonObject): Json[] {
  if (Array.isArray(answer)) return answer;
  if (typeof answer !== 'string') {
    throw readerFailed(`The object's content must be its text or the array of items; got ${describe(answer)}.`);
  }
  switch (inputType) {
    case 'JSON': {
      const parsed = parseJson(answer, 'The object is not valid JSON');
      if (!Array.isArray(parsed)) throw readerFailed(`The JSON object must hold an array of items; it holds ${describe(parsed)}.`);
      return parsed;
    }
    case 'JSONL':
      return answer
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line, index) => parseJson(line, `Line ${index + 1} of the JSONL object is not valid JSON`));
    case 'CSV':
      return decodeCsv(answer, config);
    default:
      throw readerFailed(`Stepwise does not decode InputType ${inputType}; have the handler return the array of items instead of the text.`);
  }
}

/**
 * CSV rows as objects of strings (RFC 4180 quoting: "a ""quoted"" field", delimiters and line breaks
 * inside quotes; backslash escapes). A row shorter than the headers gets empty strings, a longer one
 * loses its extra fields.
 */
function decodeCsv(text: string, config: JsonObject): Json[] {
  const delimiter = DELIMITERS[typeof config.CSVDelimiter === 'string' ? config.CSVDelimiter : 'COMMA'] ?? ',';
  const rows = parseCsv(text, delimiter);
  let headers: string[];
  if (config.CSVHeaderLocation === 'GIVEN') {
    if (!Array.isArray(config.CSVHeaders)) throw readerFailed('CSVHeaderLocation GIVEN needs the headers in ReaderConfig.CSVHeaders.');
    headers = config.CSVHeaders.map(String);
  } else {
    const first = rows.shift();
    if (!first) return [];
    headers = first;
  }
  return rows.map((row) => {
    const item: JsonObject = {};
    headers.forEach((header, index) => (item[header] = row[index] ?? ''));
    return item;
  });
}

function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    // A blank line is no row.
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    // A backslash escapes a backslash, a double quote or the delimiter, quoted or not; before any
    // other character it is dropped (AWS's "How Step Functions parses input CSV files").
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\\' || next === '"' || next === delimiter) {
        field += next;
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** ReaderConfig.MaxItems: a number, a reference path (JSONPath) or a JSONata expression; 0 (the default) means no limit. */
function compileMaxItems(config: JsonObject, queryLanguage: 'JSONPath' | 'JSONata'): (effective: Json, visit: Visit) => Promise<number> {
  if (typeof config.MaxItemsPath === 'string' && queryLanguage === 'JSONPath') {
    const path = config.MaxItemsPath;
    const read = compilePath(path);
    return async (effective, visit) => {
      const found = read(effective, visit);
      if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
        throw stateFailure(StatesErrors.Runtime, `The MaxItemsPath field refers to value ${JSON.stringify(found ?? null)} which is not a valid non-negative integer: ${path}`);
      }
      return found;
    };
  }
  if (typeof config.MaxItems === 'string' && queryLanguage === 'JSONata') {
    const evaluate = compileJsonataNumber(config.MaxItems, 'MaxItems', 'integer');
    return async (effective, visit) => {
      const value = await evaluate(effective, visit);
      if (value < 0) throw stateFailure(StatesErrors.Runtime, `The MaxItems field must not be negative; it evaluated to ${value}.`);
      return value;
    };
  }
  const fixed = typeof config.MaxItems === 'number' ? config.MaxItems : 0;
  return async () => fixed;
}

function parseJson(text: string, problem: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw readerFailed(`${problem}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readerFailed(cause: string): StatesError {
  return new StatesError(StatesErrors.ItemReaderFailed, cause);
}

function describe(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
