/**
 * Distributed Map: ItemBatcher, ItemReader and ResultWriter. Examples come from AWS's
 * Step Functions developer guide; where AWS is silent, the test name says what Stepwise chose.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';
import type { Json } from '../../src/index.ts';

const DISTRIBUTED = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } as const;

/** A Distributed Map whose child executions return their input unchanged, so the output shows what each child received. */
function echoMap(fields: Record<string, unknown>, queryLanguage?: 'JSONata') {
  return {
    ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}),
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ...fields,
        ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };
}

// The items of AWS's ItemBatcher page.
const verdicts = [
  { verdict: 'true', statement_date: '6/11/2008', statement_source: 'speech' },
  { verdict: 'false', statement_date: '6/7/2022', statement_source: 'television' },
  { verdict: 'true', statement_date: '5/18/2016', statement_source: 'news' },
];

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
describe('ItemBatcher (AWS "ItemBatcher (Map)" page)', () => {
  it('puts the items of a batch in an Items array, the input of one child execution each', async () => {
    const { result } = await run(echoMap({ ItemBatcher: { MaxItemsPerBatch: 2 } }), verdicts);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [{ Items: [verdicts[0], verdicts[1]] }, { Items: [verdicts[2]] }],
    });
  });

  it('1130 items with MaxItemsPerBatch 100 make 12 batches: 11 of 100 and one of 30', async () => {
    const items = Array.from({ length: 1130 }, (_, i) => i);
    const { result } = await run(echoMap({ ItemBatcher: { MaxItemsPerBatch: 100 } }), items);
    expect(result.status).toBe('SUCCEEDED');
    const batches = (result as unknown as { output: Array<{ Items: number[] }> }).output;
    expect(batches.map((b) => b.Items.length)).toEqual([...Array(11).fill(100), 30]);
    expect(batches.flatMap((b) => b.Items)).toEqual(items);
  });

  it('BatchInput is added to every batch: { BatchInput, Items }', async () => {
    const { result } = await run(echoMap({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { factCheck: 'December 2022' } } }), verdicts);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { factCheck: 'December 2022' }, Items: [verdicts[0], verdicts[1]] },
        { BatchInput: { factCheck: 'December 2022' }, Items: [verdicts[2]] },
      ],
    });
  });

  it('BatchInput is a payload template in JSONPath: .$ keys read the Map effective input and the context object', async () => {
    const { result } = await run(
      echoMap({
        ItemsPath: '$.rows',
        ItemBatcher: { MaxItemsPerBatch: 5, BatchInput: { 'checkedOn.$': '$.date', 'state.$': '$$.State.Name', fixed: 1 } },
      }),
      { rows: [1, 2], date: '2022-12-01' },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ BatchInput: { checkedOn: '2022-12-01', state: 'Map', fixed: 1 }, Items: [1, 2] }] });
  });

  it('MaxItemsPerBatchPath reads the count from the state input ({ "maxBatchItems": 500 } in AWS\'s example)', async () => {
    const { result } = await run(echoMap({ ItemsPath: '$.items', ItemBatcher: { MaxItemsPerBatchPath: '$.maxBatchItems' } }), { items: [1, 2, 3, 4, 5], maxBatchItems: 2 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Items: [1, 2] }, { Items: [3, 4] }, { Items: [5] }] });
  });

  it('MaxInputBytesPerBatch limits the bytes of each child input (measured as compact JSON, BatchInput included: Stepwise\'s choice)', async () => {
    // {"Items":[]} is 12 bytes; each "xxxxxxxx" is 10, and a comma before every item but the first.
    const items = ['xxxxxxxx', 'xxxxxxxx', 'xxxxxxxx', 'xxxxxxxx', 'xxxxxxxx'];
    const { result } = await run(echoMap({ ItemBatcher: { MaxInputBytesPerBatch: 33 } }), items);
    // 12 + 10 + 1 + 10 = 33 fits; a third item would make 44.
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Items: items.slice(0, 2) }, { Items: items.slice(2, 4) }, { Items: items.slice(4) }] });
    for (const batch of (result as { output: Json[] }).output) expect(JSON.stringify(batch).length).toBeLessThanOrEqual(33);

    // The same with a BatchInput: {"BatchInput":{"a":1},"Items":[]} is 34 bytes, so a limit of 45 holds one item.
    const withInput = await run(echoMap({ ItemBatcher: { MaxInputBytesPerBatch: 45, BatchInput: { a: 1 } } }), items.slice(0, 2));
    expect((withInput.result as { output: unknown[] }).output).toHaveLength(2);
  });

  it('MaxInputBytesPerBatchPath reads the byte limit from the state input ({ "batchSize": 131072 } in AWS\'s example)', async () => {
    const items = ['xxxxxxxx', 'xxxxxxxx', 'xxxxxxxx'];
    const { result } = await run(echoMap({ ItemsPath: '$.items', ItemBatcher: { MaxInputBytesPerBatchPath: '$.batchSize' } }), { items, batchSize: 22 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Items: [items[0]] }, { Items: [items[1]] }, { Items: [items[2]] }] });
  });

  it('with both limits, a batch holds fewer items when the byte limit is reached first', async () => {
    const items = ['xxxxxxxx', 'xxxxxxxx', 'xxxxxxxx', 'xxxxxxxx'];
    const { result } = await run(echoMap({ ItemBatcher: { MaxItemsPerBatch: 3, MaxInputBytesPerBatch: 33 } }), items);
    expect((result as unknown as { output: Array<{ Items: Json[] }> }).output.map((b) => b.Items.length)).toEqual([2, 2]);
  });

  it('without a byte limit a batch stays within 256 KiB (AWS: "as many items it can process up to 256 KiB")', async () => {
    // ItemSelector makes each item a 100 KiB string; the children return only how many they got.
    const { result } = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Map',
        States: {
          Map: {
            Type: 'Map',
            ItemSelector: "{% $pad('', 102400, 'x') %}",
            ItemBatcher: { MaxItemsPerBatch: 10 },
            ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Count', States: { Count: { Type: 'Pass', Output: '{% $count($states.input.Items) %}', End: true } } },
            End: true,
          },
        },
      },
      [1, 2, 3, 4, 5],
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [2, 2, 1] });
  });

  it('an item larger than the byte limit travels alone in its batch (Stepwise\'s choice: AWS does not say)', async () => {
    const { result } = await run(echoMap({ ItemBatcher: { MaxInputBytesPerBatch: 20 } }), ['a', 'much longer than twenty bytes', 'b', 'c']);
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Items: ['a'] }, { Items: ['much longer than twenty bytes'] }, { Items: ['b', 'c'] }] });
  });

  it('ItemSelector shapes each item before batching, with $$.Map.Item of that item (ASL spec, "Processing Items")', async () => {
    const { result } = await run(
      echoMap({
        ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'source.$': '$.source' },
        ItemsPath: '$.items',
        ItemBatcher: { MaxItemsPerBatch: 2 },
      }),
      { items: ['a', 'b', 'c'], source: 's3' },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { Items: [{ index: 0, value: 'a', source: 's3' }, { index: 1, value: 'b', source: 's3' }] },
        { Items: [{ index: 2, value: 'c', source: 's3' }] },
      ],
    });
  });

  it('each batch\'s child output is one element of the Map result, in batch order (ASL spec, "Writing Results")', async () => {
    const { result } = await run(
      {
        StartAt: 'Map',
        States: {
          Map: {
            Type: 'Map',
            ItemBatcher: { MaxItemsPerBatch: 3 },
            ItemProcessor: {
              ProcessorConfig: DISTRIBUTED,
              StartAt: 'Count',
              States: { Count: { Type: 'Pass', Parameters: { 'n.$': 'States.ArrayLength($.Items)', 'first.$': '$.Items[0]' }, End: true } },
            },
            End: true,
          },
        },
      },
      [1, 2, 3, 4, 5, 6, 7],
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ n: 3, first: 1 }, { n: 3, first: 4 }, { n: 1, first: 7 }] });
  });

  it('no items make no batches: the result is []', async () => {
    const { result } = await run(echoMap({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { a: 1 } } }), []);
    expect(result).toEqual({ status: 'SUCCEEDED', output: [] });
  });

  it('a MaxItemsPerBatchPath value that is not a positive integer fails the state with States.Runtime', async () => {
    for (const bad of [0, -1, 1.5, 'two', null]) {
      const { result } = await run(echoMap({ ItemsPath: '$.items', ItemBatcher: { MaxItemsPerBatchPath: '$.n' } }), { items: [1], n: bad });
      expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect((result as { cause: string }).cause).toContain(`The MaxItemsPerBatchPath field refers to value ${JSON.stringify(bad)} which is not a valid positive integer: $.n`);
    }
    const missing = await run(echoMap({ ItemsPath: '$.items', ItemBatcher: { MaxInputBytesPerBatchPath: '$.nothing' } }), { items: [1] });
    expect(missing.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('JSONata: MaxItemsPerBatch, MaxInputBytesPerBatch and BatchInput take expressions (AWS: "JSONata expressions directly to BatchInput, or inside JSON objects")', async () => {
    const { result } = await run(
      echoMap(
        {
          Items: '{% $states.input.rows %}',
          ItemBatcher: {
            MaxItemsPerBatch: '{% $states.input.perBatch %}',
            MaxInputBytesPerBatch: '{% 1024 %}',
            BatchInput: { label: '{% $states.input.label %}', total: '{% $count($states.input.rows) %}' },
          },
        },
        'JSONata',
      ),
      { rows: [1, 2, 3], perBatch: 2, label: 'L' },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { label: 'L', total: 3 }, Items: [1, 2] },
        { BatchInput: { label: 'L', total: 3 }, Items: [3] },
      ],
    });

    const whole = await run(echoMap({ ItemBatcher: { MaxItemsPerBatch: 5, BatchInput: '{% {"n": $count($states.input)} %}' } }, 'JSONata'), [7, 8]);
    expect(whole.result).toEqual({ status: 'SUCCEEDED', output: [{ BatchInput: { n: 2 }, Items: [7, 8] }] });
  });

  it('JSONata: a MaxItemsPerBatch expression that is not a positive integer fails the state', async () => {
    const { result } = await run(echoMap({ ItemBatcher: { MaxItemsPerBatch: '{% 0 %}' } }, 'JSONata'), [1]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  describe('tolerated failures count the items of a failed batch', () => {
    // A child fails when its batch starts with "bad"; 5 items in batches of 2: [bad, ok] [ok, ok] [ok].
    const failing = (tolerance: Record<string, unknown>) => ({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemBatcher: { MaxItemsPerBatch: 2 },
          ...tolerance,
          ItemProcessor: {
            ProcessorConfig: DISTRIBUTED,
            StartAt: 'Check',
            States: {
              Check: { Type: 'Choice', Choices: [{ Variable: '$.Items[0]', StringEquals: 'bad', Next: 'Boom' }], Default: 'Done' },
              Boom: { Type: 'Fail', Error: 'Bad.Item', Cause: 'bad item' },
              Done: { Type: 'Pass', Parameters: { 'n.$': 'States.ArrayLength($.Items)' }, End: true },
            },
          },
          End: true,
        },
      },
    });
    const items = ['bad', 'ok', 'ok', 'ok', 'ok'];

    it('one failed batch of 2 items exceeds ToleratedFailureCount 1', async () => {
      const { result } = await run(failing({ ToleratedFailureCount: 1 }), items);
      expect(result).toEqual({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' });
    });

    it('ToleratedFailureCount 2 tolerates it; the failed batch\'s place in the result is null', async () => {
      const { result } = await run(failing({ ToleratedFailureCount: 2 }), items);
      expect(result).toEqual({ status: 'SUCCEEDED', output: [null, { n: 2 }, { n: 1 }] });
    });

    it('the percentage is of items, not batches: 2 of 5 items is 40%', async () => {
      expect((await run(failing({ ToleratedFailurePercentage: 39 }), items)).result.status).toBe('FAILED');
      expect((await run(failing({ ToleratedFailurePercentage: 40 }), items)).result.status).toBe('SUCCEEDED');
    });

    it('without thresholds the child\'s own error fails the Map', async () => {
      const { result } = await run(failing({}), items);
      expect(result).toEqual({ status: 'FAILED', error: 'Bad.Item', cause: 'bad item' });
    });
  });

  it('refuses ItemBatcher on an Inline Map at run time instead of ignoring it (AWS accepts it only in Distributed mode)', async () => {
    const { result } = await run(
      { StartAt: 'Map', States: { Map: { Type: 'Map', ItemBatcher: { MaxItemsPerBatch: 2 }, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } },
      [1, 2, 3],
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect((result as { cause: string }).cause).toContain('ItemBatcher');
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
describe('ItemReader served by the task handler of its Resource (Stepwise\'s local stand-in for Amazon S3)', () => {
  function readerMap(itemReader: Record<string, unknown>, extra: Record<string, unknown> = {}, queryLanguage?: 'JSONata') {
    return echoMap({ ItemReader: itemReader, ...extra }, queryLanguage);
  }

  it('s3:getObject with InputType CSV and CSVHeaderLocation FIRST_ROW: each row is an object of strings named by the header', async () => {
    const requests: unknown[] = [];
    const { result } = await run(
      readerMap({
        ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
        Resource: 'arn:aws:states:::s3:getObject',
        Parameters: { Bucket: 'amzn-s3-demo-bucket', 'Key.$': '$.key' },
      }),
      { key: 'csvDataset/ratings.csv' },
      {
        tasks: {
          'arn:aws:states:::s3:getObject': (input, context) => {
            requests.push({ input, stateName: context.stateName, resource: context.resource });
            return 'userId,movieId,rating,timestamp\n1,307,3.5,1256677221\n1,481,3.5,1256677456\n';
          },
        },
      },
    );
    expect(requests).toEqual([{ input: { Bucket: 'amzn-s3-demo-bucket', Key: 'csvDataset/ratings.csv' }, stateName: 'Map', resource: 'arn:aws:states:::s3:getObject' }]);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { userId: '1', movieId: '307', rating: '3.5', timestamp: '1256677221' },
        { userId: '1', movieId: '481', rating: '3.5', timestamp: '1256677456' },
      ],
    });
  });

  it('CSVHeaderLocation GIVEN takes the headers from CSVHeaders; CSVDelimiter and quoted fields are honoured', async () => {
    const { result } = await run(
      readerMap({
        ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['userId', 'movieId', 'rating', 'note'], CSVDelimiter: 'SEMICOLON' },
        Resource: 'arn:aws:states:::s3:getObject',
        Parameters: { Bucket: 'b', Key: 'k.csv' },
      }),
      {},
      { tasks: { 'arn:aws:states:::s3:getObject': () => '1;307;3.5;"said ""fine""; twice"\r\n2;481;4;\r\n' } },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { userId: '1', movieId: '307', rating: '3.5', note: 'said "fine"; twice' },
        { userId: '2', movieId: '481', rating: '4', note: '' },
      ],
    });
  });

  // AWS's "How Step Functions parses input CSV files": a backslash escapes a backslash, a double
  // quote or the field separator; before any other character it is silently removed. A short row
  // gets empty strings, a long one loses its extra fields.
  it('CSV: backslashes escape backslashes, quotes and the delimiter, and are dropped before anything else; short rows pad, long rows are cut', async () => {
    const csv = String.raw`path,size
C:\\Program Files\\MyApp.exe,6534512
a\,b,\q
"in \"quotes\"",1,extra
only` + '\n';
    const { result } = await run(
      readerMap({ ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k.csv' } }),
      {},
      { tasks: { 'arn:aws:states:::s3:getObject': () => csv } },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { path: String.raw`C:\Program Files\MyApp.exe`, size: '6534512' },
        { path: 'a,b', size: 'q' },
        { path: 'in "quotes"', size: '1' },
        { path: 'only', size: '' },
      ],
    });
  });

  it('InputType JSON: the object holds an array of items; the handler may return its text or the parsed array', async () => {
    const reader = { ReaderConfig: { InputType: 'JSON' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'data.json' } };
    const asText = await run(readerMap(reader), {}, { tasks: { 'arn:aws:states:::s3:getObject': () => JSON.stringify(verdicts) } });
    expect(asText.result).toEqual({ status: 'SUCCEEDED', output: verdicts });
    const asArray = await run(readerMap(reader), {}, { tasks: { 'arn:aws:states:::s3:getObject': () => verdicts } });
    expect(asArray.result).toEqual({ status: 'SUCCEEDED', output: verdicts });
  });

  it('InputType JSONL: one item a line, blank lines skipped', async () => {
    const { result } = await run(
      readerMap({ ReaderConfig: { InputType: 'JSONL' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'data.jsonl' } }),
      {},
      { tasks: { 'arn:aws:states:::s3:getObject': () => '{"a":1}\n\n{"a":2}\n' } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ a: 1 }, { a: 2 }] });
  });

  it('s3:listObjectsV2: each object of the listing is an item', async () => {
    const objects = [
      { Etag: '"05704fbdccb224cb01c59005bebbad28"', Key: 'processData/images/n02085620_1073.jpg', LastModified: 1668699881, Size: 34910, StorageClass: 'STANDARD' },
      { Etag: '"0d3a4d9b1e9a4c4c8ab8b4e1f0d1c0b2"', Key: 'processData/images/n02085620_10074.jpg', LastModified: 1668699881, Size: 13024, StorageClass: 'STANDARD' },
    ];
    let request: unknown;
    const { result } = await run(
      readerMap({ Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'amzn-s3-demo-bucket', Prefix: 'processData' } }),
      {},
      { tasks: { 'arn:aws:states:::s3:listObjectsV2': (input) => ((request = input), { Contents: objects, KeyCount: 2 }) } },
    );
    expect(request).toEqual({ Bucket: 'amzn-s3-demo-bucket', Prefix: 'processData' });
    expect(result).toEqual({ status: 'SUCCEEDED', output: objects });
  });

  it('ReaderConfig MaxItems and MaxItemsPath keep the first items only', async () => {
    const getObject = () => 'n\n1\n2\n3\n4\n';
    const fixed = await run(
      readerMap({ ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } }),
      {},
      { tasks: { 'arn:aws:states:::s3:getObject': getObject } },
    );
    expect(fixed.result).toEqual({ status: 'SUCCEEDED', output: [{ n: '1' }, { n: '2' }] });
    const byPath = await run(
      readerMap({ ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItemsPath: '$.max' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } }),
      { max: 3 },
      { tasks: { 'arn:aws:states:::s3:getObject': getObject } },
    );
    expect(byPath.result).toEqual({ status: 'SUCCEEDED', output: [{ n: '1' }, { n: '2' }, { n: '3' }] });
  });

  it('JSONata: Arguments and MaxItems are evaluated with $states.input', async () => {
    let request: unknown;
    const { result } = await run(
      readerMap(
        {
          ReaderConfig: { InputType: 'JSON', MaxItems: '{% $states.input.max %}' },
          Resource: 'arn:aws:states:::s3:getObject',
          Arguments: { Bucket: '{% $states.input.bucket %}', Key: 'items.json' },
        },
        {},
        'JSONata',
      ),
      { bucket: 'from-input', max: 2 },
      { tasks: { 'arn:aws:states:::s3:getObject': (input) => ((request = input), '[10, 20, 30]') } },
    );
    expect(request).toEqual({ Bucket: 'from-input', Key: 'items.json' });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [10, 20] });
  });

  it('read items go through ItemSelector and ItemBatcher like any others', async () => {
    const { result } = await run(
      readerMap(
        { ReaderConfig: { InputType: 'JSON' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
        { ItemSelector: { 'v.$': '$$.Map.Item.Value' }, ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'from.$': '$.source' } } },
      ),
      { source: 's3' },
      { tasks: { 'arn:aws:states:::s3:getObject': () => '[1, 2, 3]' } },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { from: 's3' }, Items: [{ v: 1 }, { v: 2 }] },
        { BatchInput: { from: 's3' }, Items: [{ v: 3 }] },
      ],
    });
  });

  it('a failing handler fails the state with States.ItemReaderFailed, which a Catch can handle', async () => {
    const definition = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'missing.json' } },
          ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const { result } = await run(definition, {}, {
      tasks: { 'arn:aws:states:::s3:getObject': () => { throw { error: 'S3.NoSuchKey', cause: 'The specified key does not exist.' }; } },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { Error: 'States.ItemReaderFailed', Cause: 'S3.NoSuchKey: The specified key does not exist.' } });
  });

  it('content that does not decode fails with States.ItemReaderFailed', async () => {
    const reader = { ReaderConfig: { InputType: 'JSON' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } };
    const notJson = await run(readerMap(reader), {}, { tasks: { 'arn:aws:states:::s3:getObject': () => 'not json' } });
    expect(notJson.result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    const notArray = await run(readerMap(reader), {}, { tasks: { 'arn:aws:states:::s3:getObject': () => '{"a": 1}' } });
    expect(notArray.result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
  });

  it('a handler given to the Engine serves every execution, as for Task resources', async () => {
    const { result } = await run(
      readerMap({ ReaderConfig: { InputType: 'JSONL' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } }),
      {},
      { engine: { tasks: { 'arn:aws:states:::s3:getObject': () => '1\n2' } } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [1, 2] });
  });

  it('with no handler for the resource the state fails with a clear error naming it and saying how to serve it', async () => {
    const { result } = await run(readerMap({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: 'b', Key: 'k' } }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    const cause = (result as { cause: string }).cause;
    expect(cause).toContain("Map state 'Map'");
    expect(cause).toContain("keyed by 'arn:aws:states:::s3:getObject'");
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
describe('ResultWriter (AWS "ResultWriter (Map)" page)', () => {
  // The page's examples assume each child returns an array of orders.
  const orders = [
    [
      { customer_id: '145538', order_id: '100000' },
      { customer_id: '898037', order_id: '100001' },
    ],
    [
      { customer_id: '169881', order_id: '100005' },
      { customer_id: '797471', order_id: '100006' },
    ],
  ];

  type Put = { Bucket: string; Key: string; Body: string };
  function recorder() {
    const puts: Put[] = [];
    return { puts, tasks: { 'arn:aws:states:::s3:putObject': (input: Json) => ((puts.push(input as Put)), { ETag: '"etag"' }) } };
  }

  it('Resource and Parameters export the results; the Map returns { MapRunArn, ResultWriterDetails } with the manifest\'s key', async () => {
    const { puts, tasks } = recorder();
    const { result, history } = await run(
      echoMap({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'amzn-s3-demo-destination-bucket', Prefix: 'csvProcessJobs' } } }),
      orders,
      { tasks },
    );
    expect(result.status).toBe('SUCCEEDED');
    const output = (result as unknown as { output: { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } } }).output;
    const mapRunArn = (history.find((e) => e.type === 'MapRunStarted') as unknown as { mapRunStartedEventDetails: { mapRunArn: string } }).mapRunStartedEventDetails.mapRunArn;
    expect(output.MapRunArn).toBe(mapRunArn);
    const runId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
    expect(mapRunArn).toMatch(/:mapRun:Test\/Map:[0-9a-f-]{36}$/);
    expect(output.ResultWriterDetails).toEqual({ Bucket: 'amzn-s3-demo-destination-bucket', Key: `csvProcessJobs/${runId}/manifest.json` });

    // Without WriterConfig the file holds each child's record unchanged (Transformation NONE).
    expect(puts.map((p) => p.Key)).toEqual([`csvProcessJobs/${runId}/SUCCEEDED_0.json`, `csvProcessJobs/${runId}/manifest.json`]);
    expect(puts.every((p) => p.Bucket === 'amzn-s3-demo-destination-bucket')).toBe(true);
    const succeeded = JSON.parse(puts[0].Body) as Array<Record<string, unknown>>;
    expect(succeeded).toHaveLength(2);
    expect(succeeded[0]).toMatchObject({
      Input: JSON.stringify(orders[0]),
      InputDetails: { Included: true },
      Output: JSON.stringify(orders[0]),
      OutputDetails: { Included: true },
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
      StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Test/Map',
      Status: 'SUCCEEDED',
    });
    expect(succeeded[0].ExecutionArn).toBe(`arn:aws:states:us-east-1:123456789012:execution:Test/Map:${succeeded[0].Name as string}`);
    expect(Object.keys(succeeded[0])).toEqual([
      'ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails', 'RedriveCount', 'RedriveStatus', 'RedriveStatusReason', 'StartDate', 'StateMachineArn', 'Status', 'StopDate',
    ]);
    expect(JSON.parse(puts[1].Body)).toEqual({
      DestinationBucket: 'amzn-s3-demo-destination-bucket',
      MapRunArn: mapRunArn,
      ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: [{ Key: `csvProcessJobs/${runId}/SUCCEEDED_0.json`, Size: new TextEncoder().encode(puts[0].Body).length }] },
    });
  });

  it('WriterConfig alone exports nothing and shapes the Map result: FLATTEN joins the children\'s arrays', async () => {
    const { result } = await run(echoMap({ ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } }), orders);
    expect(result).toEqual({ status: 'SUCCEEDED', output: [...orders[0], ...orders[1]] });
  });

  it('WriterConfig alone with COMPACT: the children\'s outputs in their array structure', async () => {
    const { result } = await run(echoMap({ ResultWriter: { WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } } }), orders);
    expect(result).toEqual({ status: 'SUCCEEDED', output: orders });
  });

  it('WriterConfig alone with NONE: each child\'s execution record', async () => {
    const { result } = await run(echoMap({ ResultWriter: { WriterConfig: { Transformation: 'NONE', OutputType: 'JSON' } } }), orders);
    const output = (result as unknown as { output: Array<Record<string, unknown>> }).output;
    expect(output.map((r) => [r.Status, r.Output])).toEqual([['SUCCEEDED', JSON.stringify(orders[0])], ['SUCCEEDED', JSON.stringify(orders[1])]]);
  });

  it('all three fields: the exported file is formatted by WriterConfig (FLATTEN, JSONL: one result a line in a .jsonl file, Stepwise\'s naming)', async () => {
    const { puts, tasks } = recorder();
    const { result } = await run(
      echoMap({
        ResultWriter: {
          WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSONL' },
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'amzn-s3-demo-destination-bucket', Prefix: 'csvProcessJobs' },
        },
      }),
      orders,
      { tasks },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(puts[0].Key).toMatch(/^csvProcessJobs\/[0-9a-f-]{36}\/SUCCEEDED_0\.jsonl$/);
    expect(puts[0].Body.split('\n').map((line) => JSON.parse(line))).toEqual([...orders[0], ...orders[1]]);
  });

  it('tolerated failed children are written to FAILED_0.json with their error and cause', async () => {
    const { puts, tasks } = recorder();
    const { result } = await run(
      {
        StartAt: 'Map',
        States: {
          Map: {
            Type: 'Map',
            ToleratedFailureCount: 1,
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'runs/' } },
            ItemProcessor: {
              ProcessorConfig: DISTRIBUTED,
              StartAt: 'Check',
              States: {
                Check: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Boom' }], Default: 'Done' },
                Boom: { Type: 'Fail', Error: 'Bad.Item', Cause: 'bad item' },
                Done: { Type: 'Pass', End: true },
              },
            },
            End: true,
          },
        },
      },
      ['ok', 'bad'],
      { tasks },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(puts.map((p) => p.Key.replace(/[0-9a-f-]{36}/, 'ID'))).toEqual(['runs/ID/SUCCEEDED_0.json', 'runs/ID/FAILED_0.json', 'runs/ID/manifest.json']);
    const failed = JSON.parse(puts[1].Body) as Array<Record<string, unknown>>;
    expect(failed).toEqual([expect.objectContaining({ Input: '"bad"', Error: 'Bad.Item', Cause: 'bad item', Status: 'FAILED' })]);
    expect(failed[0]).not.toHaveProperty('Output');
    const manifest = JSON.parse(puts[2].Body) as { ResultFiles: Record<string, unknown[]> };
    expect(manifest.ResultFiles.FAILED).toHaveLength(1);
  });

  it('JSONata: Arguments give the bucket and prefix', async () => {
    const { puts, tasks } = recorder();
    const { result } = await run(
      echoMap({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: '{% $states.input.bucket %}', Prefix: 'out' } } }, 'JSONata'),
      { bucket: 'from-input' },
      { tasks },
    );
    // The JSONata Map iterates over its input, here an object: one child per member.
    expect(result.status).toBe('SUCCEEDED');
    expect((result as unknown as { output: { ResultWriterDetails: { Bucket: string } } }).output.ResultWriterDetails.Bucket).toBe('from-input');
    expect(puts.every((p) => p.Bucket === 'from-input' && p.Key.startsWith('out/'))).toBe(true);
  });

  it('a failing handler fails the state with States.ResultWriterFailed', async () => {
    const { result, types } = await run(
      echoMap({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } } }),
      [1],
      { tasks: { 'arn:aws:states:::s3:putObject': () => { throw { error: 'S3.AccessDenied', cause: 'Access Denied' }; } } },
    );
    expect(result).toEqual({ status: 'FAILED', error: 'States.ResultWriterFailed', cause: 'S3.AccessDenied: Access Denied' });
    expect(types).toContain('MapRunFailed');
  });

  it('with no handler for the resource the state fails before any child runs, with a clear error', async () => {
    const { result, types } = await run(echoMap({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } } }), [1]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect((result as { cause: string }).cause).toContain("keyed by 'arn:aws:states:::s3:putObject'");
    expect(types).not.toContain('MapRunStarted');
  });
});

// AWS's Map pages: an Inline Map runs at most 40 iterations at once; a Distributed Map runs
// 10,000 child executions in parallel unless MaxConcurrency says fewer.
describe('concurrency of child executions', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  const tenSecondMap = (processorConfig: object | undefined, fields: object = {}) => ({
    StartAt: 'M',
    States: {
      M: { Type: 'Map', ...fields, ItemProcessor: { ...(processorConfig && { ProcessorConfig: processorConfig }), StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }, End: true },
    },
  });
  const seconds = async (definition: object) => {
    const { result, history } = await run(definition, items);
    expect(result.status).toBe('SUCCEEDED');
    return (Date.parse(history.at(-1)!.timestamp) - Date.parse(history[0].timestamp)) / 1000;
  };

  it('a Distributed Map without MaxConcurrency runs 100 children at once, not 40 as an Inline Map does', async () => {
    expect(await seconds(tenSecondMap(DISTRIBUTED))).toBe(10);
    expect(await seconds(tenSecondMap(undefined))).toBe(30);
  });

  it('a Distributed Map with MaxConcurrency 50 runs its 100 children in two rounds', async () => {
    expect(await seconds(tenSecondMap(DISTRIBUTED, { MaxConcurrency: 50 }))).toBe(20);
  });
});
