/**
 * A Distributed Map's ResultWriter (AWS's "ResultWriter (Map)" page,
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 *
 * - WriterConfig alone: nothing is exported; the Map's result is the children's results as
 *   Transformation shapes them: COMPACT (their outputs), FLATTEN (array outputs flattened into one
 *   array) or NONE (each child execution's record: ExecutionArn, Input, Output, Status, dates…).
 *   A failed (tolerated) child is always given as its record, as AWS says.
 * - Resource (+ Parameters/Arguments): the results are exported through the task handler
 *   registered for the Resource ARN (`arn:aws:states:::s3:putObject`), called once per file with
 *   `{ Bucket, Key, Body }` as S3 PutObject takes it: `<Prefix>/<map run id>/SUCCEEDED_0.json`
 *   (and FAILED_0.json when tolerated children failed), then `manifest.json`. The Map's result
 *   becomes `{ MapRunArn, ResultWriterDetails: { Bucket, Key: "<Prefix>/<map run id>/manifest.json" } }`.
 *   Without WriterConfig the files hold NONE records, as on AWS.
 *
 * Where AWS is silent, Stepwise chooses: Transformation defaults to NONE when exporting and to
 * COMPACT otherwise; OutputType JSONL writes `.jsonl` files of one record a line and leaves the
 * state output a JSON array; each file holds every result (AWS splits past 5 GB); the manifest
 * lists `{ Key, Size }` per file under ResultFiles.SUCCEEDED/FAILED/PENDING with DestinationBucket
 * and MapRunArn; a Map run that fails writes nothing (AWS also writes FAILED_n and PENDING_n files).
 * A failing handler fails the state with States.ResultWriterFailed.
 */
import type { MapState } from '../definition/asl.ts';
import { StatesError, StatesErrors } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { callResource, compileResourceArguments, requireResourceHandler } from './map-resources.ts';

/** What one child execution did, for NONE records and the exported files. */
export interface ChildRecord {
  name: string;
  input: Json;
  startDate: number;
  stopDate: number;
  status: 'SUCCEEDED' | 'FAILED';
  output?: Json;
  error?: string;
  cause?: string;
}

export interface MapRunInfo {
  mapRunArn: string;
  /** The map run's id: the part of its ARN after the label. */
  runId: string;
  label: string;
}

export interface PreparedWriter {
  /** The Map's result once every child has ended. */
  finish(results: Json[], records: ChildRecord[], run: MapRunInfo, visit: Visit): Promise<Json>;
}

export interface CompiledResultWriter {
  /** Evaluate Parameters/Arguments (before the map run starts) and find the handler. */
  prepare(effective: Json, visit: Visit): Promise<PreparedWriter>;
}

export function compileResultWriter(definition: MapState, queryLanguage: 'JSONPath' | 'JSONata'): CompiledResultWriter | undefined {
  const writer = definition.ResultWriter;
  if (!isJsonObject(writer)) return undefined;
  const resource = typeof writer.Resource === 'string' ? writer.Resource : undefined;
  const config = isJsonObject(writer.WriterConfig) ? writer.WriterConfig : undefined;
  const transformation = typeof config?.Transformation === 'string' ? config.Transformation : resource ? 'NONE' : 'COMPACT';
  const jsonLines = config?.OutputType === 'JSONL';
  const args = compileResourceArguments(writer, 'ResultWriter', queryLanguage);

  return {
    async prepare(effective, visit) {
      if (resource === undefined) {
        return { finish: async (results, records, run, finishVisit) => transform(results, records, transformation, run, finishVisit) };
      }
      const handler = requireResourceHandler(
        visit,
        'ResultWriter',
        resource,
        'it is called once per result file with { Bucket, Key, Body } (the Body is the file\'s text), as S3 PutObject is.',
      );
      const request = await args(effective, visit);
      const bucket = isJsonObject(request) && typeof request.Bucket === 'string' ? request.Bucket : undefined;
      if (bucket === undefined) throw new StatesError(StatesErrors.ResultWriterFailed, `The ResultWriter's ${queryLanguage === 'JSONata' ? 'Arguments' : 'Parameters'} must give a Bucket; got ${JSON.stringify(request)}.`);
      const prefix = isJsonObject(request) && typeof request.Prefix === 'string' ? request.Prefix.replace(/\/+$/, '') : '';
      return {
        async finish(results, records, run, finishVisit) {
          const folder = prefix === '' ? run.runId : `${prefix}/${run.runId}`;
          const extension = jsonLines ? 'jsonl' : 'json';
          const resultFiles: Record<'FAILED' | 'PENDING' | 'SUCCEEDED', Json[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
          const put = (key: string, body: string) => callResource(handler, resource, { Bucket: bucket, Key: key, Body: body }, finishVisit, StatesErrors.ResultWriterFailed);
          const succeeded = records.flatMap((record, index) => (record.status === 'SUCCEEDED' ? [{ record, result: results[index] }] : []));
          const failed = records.filter((record) => record.status === 'FAILED');
          if (succeeded.length > 0) {
            const shaped = transform(succeeded.map((s) => s.result), succeeded.map((s) => s.record), transformation, run, finishVisit);
            const key = `${folder}/SUCCEEDED_0.${extension}`;
            const body = serialize(shaped, jsonLines);
            await put(key, body);
            resultFiles.SUCCEEDED.push({ Key: key, Size: byteLength(body) });
          }
          if (failed.length > 0) {
            const key = `${folder}/FAILED_0.${extension}`;
            const body = serialize(failed.map((record) => executionRecord(record, run, finishVisit)), jsonLines);
            await put(key, body);
            resultFiles.FAILED.push({ Key: key, Size: byteLength(body) });
          }
          const manifestKey = `${folder}/manifest.json`;
          await put(manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: run.mapRunArn, ResultFiles: resultFiles }));
          return { MapRunArn: run.mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
        },
      };
    },
  };
}

function transform(results: Json[], records: ChildRecord[], transformation: string, run: MapRunInfo, visit: Visit): Json[] {
  const shaped: Json[] = [];
  records.forEach((record, index) => {
    if (transformation === 'NONE' || record.status === 'FAILED') shaped.push(executionRecord(record, run, visit));
    else if (transformation === 'FLATTEN' && Array.isArray(results[index])) shaped.push(...(results[index] as Json[]));
    else shaped.push(results[index]);
  });
  return shaped;
}

/** A child execution as AWS's NONE transformation shows it (the page's example record). */
function executionRecord(record: ChildRecord, run: MapRunInfo, visit: Visit): JsonObject {
  const { identity } = visit.runtime;
  const machine = `${identity.stateMachineName}/${run.label}`;
  const executionArn = identity.stateMachineArn.replace(/:stateMachine:.*$/, `:execution:${machine}:${record.name}`);
  const entry: JsonObject = {
    ExecutionArn: executionArn,
    Input: JSON.stringify(record.input),
    InputDetails: { Included: true },
    Name: record.name,
  };
  if (record.status === 'SUCCEEDED') {
    entry.Output = JSON.stringify(record.output ?? null);
    entry.OutputDetails = { Included: true };
  } else {
    if (record.error !== undefined) entry.Error = record.error;
    if (record.cause !== undefined) entry.Cause = record.cause;
  }
  entry.RedriveCount = 0;
  entry.RedriveStatus = 'NOT_REDRIVABLE';
  entry.RedriveStatusReason = record.status === 'SUCCEEDED' ? 'Execution is SUCCEEDED and cannot be redriven' : 'Execution is FAILED and cannot be redriven';
  entry.StartDate = visit.runtime.isoTime(record.startDate);
  entry.StateMachineArn = `${identity.stateMachineArn}/${run.label}`;
  entry.Status = record.status;
  entry.StopDate = visit.runtime.isoTime(record.stopDate);
  return entry;
}

function serialize(values: Json[], jsonLines: boolean): string {
  return jsonLines ? values.map((value) => JSON.stringify(value)).join('\n') : JSON.stringify(values);
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
