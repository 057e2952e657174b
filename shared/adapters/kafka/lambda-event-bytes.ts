// The size of a Lambda Kafka event, by arithmetic: what Lambda counts against its 6 MB invocation payload
// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) for a batch, so the runner cuts
// batches where Lambda does. Exact: each function equals the UTF-8 length of `JSON.stringify` of what
// `lambda-event.ts` builds (property-tested), without building it.
import { toLambdaKafkaEvent, type ConsumedRecord, type LambdaKafkaEventOptions, type MessageBytes } from './lambda-event.ts';

/** Length of `bytes` (text as UTF-8). */
const byteLength = (bytes: MessageBytes): number => (typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.byteLength);
/** Length of the base64 text of `length` bytes (with padding). */
const base64Length = (length: number): number => 4 * Math.ceil(length / 3);
/** Length of `value` as JSON (a string quoted and escaped, a number as JSON writes it). */
const jsonLength = (value: string | number): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Length of `[b1,b2,...]` for `bytes`: each byte's decimal digits, commas between. */
function byteArrayLength(bytes: MessageBytes): number {
  const view = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  let digits = 0;
  for (const byte of view) digits += byte < 10 ? 1 : byte < 100 ? 2 : 3;
  return 2 + digits + Math.max(0, view.byteLength - 1);
}

/** Length of the headers array Lambda sends: `[{"name":[...]},...]`, one object per header value. */
function headersLength(headers: ConsumedRecord['headers']): number {
  let length = 2;
  let count = 0;
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values: readonly MessageBytes[] = value === undefined ? [] : Array.isArray(value) ? value : [value as MessageBytes];
    for (const one of values) {
      length += 3 + jsonLength(name) + byteArrayLength(one); // {name:[...]}
      count += 1;
    }
  }
  return length + Math.max(0, count - 1);
}

/** Fixed text of a record: `{"topic":,"partition":,"offset":,"timestamp":,"timestampType":"CREATE_TIME","value":"","headers":}`. */
const RECORD_FRAME = JSON.stringify({ topic: '', partition: 0, offset: 0, timestamp: 0, timestampType: 'CREATE_TIME', value: '', headers: [] }).length - '""000[]'.length;
/** `,"key":""`. */
const KEY_FRAME = ',"key":""'.length;

/** Bytes of `record` in the Lambda event, as `JSON.stringify(lambdaRecord(record))`: base64 key and value, headers as byte arrays. */
export function lambdaRecordBytes(record: ConsumedRecord): number {
  const key = record.key === undefined || record.key === null ? 0 : KEY_FRAME + base64Length(byteLength(record.key));
  const value = record.value === null ? 0 : base64Length(byteLength(record.value));
  return RECORD_FRAME + jsonLength(record.topic) + jsonLength(record.partition) + jsonLength(Number(record.offset)) + jsonLength(Number(record.timestamp))
    + key + value + headersLength(record.headers);
}

/**
 * Bytes of a Lambda event of one `topic-partition` group around its records: the event's own fields and
 * the group's name and brackets. A batch of records r1..rn is this plus each `lambdaRecordBytes(ri)`
 * plus n - 1 commas.
 */
export function lambdaEnvelopeBytes(group: string, options: LambdaKafkaEventOptions): number {
  return Buffer.byteLength(JSON.stringify({ ...toLambdaKafkaEvent([], options), records: { [group]: [] } }), 'utf8');
}
