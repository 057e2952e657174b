// The Lambda-shaped context the handler gets next to its event, with the deadline of one webhook call
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html). Cheaper than the function-runner's
// version per request: the heap limit is read once per server, not per call.
import { getHeapStatistics } from 'node:v8';
import type { Context } from 'aws-lambda';
import { AppError } from '../../shared/core/errors.ts';

const unsupported = (name: string) => (): never => {
  throw new AppError('INTERNAL', `context.${name}() is not supported by the admission server: return or throw from the handler instead`);
};

/** Builds one context per request for the function `functionName` with a `timeoutMs` budget. */
export function contextFactory(functionName: string, timeoutMs: number): (requestId: string) => Context {
  const memoryLimitInMB = String(Math.round(getHeapStatistics().heap_size_limit / 1_048_576));
  const base = {
    callbackWaitsForEmptyEventLoop: false, functionName, functionVersion: '$LATEST', memoryLimitInMB,
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    logGroupName: `/aws/lambda/${functionName}`, logStreamName: `admission-server/${process.pid}`,
    done: unsupported('done'), fail: unsupported('fail'), succeed: unsupported('succeed'),
  };
  return (requestId) => {
    const deadline = performance.now() + timeoutMs;
    return { ...base, awsRequestId: requestId, getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())) };
  };
}
