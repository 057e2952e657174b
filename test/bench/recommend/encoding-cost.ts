import { gzipMessage, toEventMessage } from '../../../shared/adapters/kafka/event-message.ts';
import { lambdaRecordBytes } from '../../../shared/adapters/kafka/lambda-event-bytes.ts';
import { decodeContent } from '../../../shared/middleware/content-encoding.ts';
import type { GpuMetricsEvent } from '../../../shared/schemas/events/gpu-metrics.ts';
import { measure } from '../measure.ts';

/** The node-agent's encoding of one record (`event`): JSON and gzipped bytes, gzip and gunzip µs, bytes in the Lambda event. */
export function encodingCost(event: GpuMetricsEvent) {
  const plain = toEventMessage(event);
  const gzipped = gzipMessage(plain);
  const gzipNs = measure('gzip', () => gzipMessage(plain), { seconds: 1, batch: 100 }).nsPerOp;
  const gunzipNs = measure('gunzip', () => decodeContent(gzipped.value, 'gzip'), { seconds: 1, batch: 100 }).nsPerOp;
  const inEvent = (message: typeof plain | typeof gzipped) => lambdaRecordBytes({ topic: 'gpu-metrics', partition: 0, offset: '0', timestamp: '0', ...message });
  return {
    jsonBytes: Buffer.byteLength(plain.value), gzipBytes: gzipped.value.byteLength, ratio: Math.round((Buffer.byteLength(plain.value) / gzipped.value.byteLength) * 100) / 100,
    gzipMicros: Math.round(gzipNs / 100) / 10, gunzipMicros: Math.round(gunzipNs / 100) / 10, lambdaBytesPlain: inEvent(plain), lambdaBytesGzip: inEvent(gzipped),
  };
}
