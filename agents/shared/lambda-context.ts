// The context object a handler gets next to its event, shaped like Lambda's
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html), so middy's early-timeout
// handling and any logger that reads `awsRequestId` work the same off AWS.
import { randomUUID } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import type { Context } from 'aws-lambda';
import { AppError } from '../../shared/core/errors.ts';

/** What every invocation's context of one function is made of. */
export interface LambdaContextOptions {
  readonly functionName: string;
  /** The function's time limit; `getRemainingTimeInMillis()` counts down from it. */
  readonly timeoutMs: number;
  /** Milliseconds on a monotonic clock (`performance.now`), injected for tests. */
  readonly nowMs: () => number;
  /** What runs the handler, as the log stream names it: `function-runner`, `admission-server`. */
  readonly host: string;
  /** The same in words, for the refused legacy callbacks: `the runner`, `the admission server`. */
  readonly hostInWords: string;
}

/**
 * A maker of Lambda-like contexts for one function: each call is one invocation, its deadline starting
 * then, with `requestId` (a random UUID when absent). The heap limit, which stands in for the function's
 * configured memory, is read once here, not per invocation.
 */
export function lambdaContextFactory(options: LambdaContextOptions): (requestId?: string) => Context {
  const name = options.functionName;
  const unsupported = (callback: string) => (): never => {
    throw new AppError('INTERNAL', `context.${callback}() is not supported by ${options.hostInWords}: return or throw from the handler instead`);
  };
  const base = {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: String(Math.round(getHeapStatistics().heap_size_limit / 1_048_576)),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `${options.host}/${process.pid}`,
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
  return (requestId) => {
    const deadline = options.nowMs() + options.timeoutMs;
    return { ...base, awsRequestId: requestId ?? randomUUID(), getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - options.nowMs())) };
  };
}
