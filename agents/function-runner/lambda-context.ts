// The context object a handler gets next to its event, shaped like Lambda's
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html), so middy's early-timeout
// handling and any logger that reads `awsRequestId` work the same off AWS.
import { randomUUID } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import type { Context } from 'aws-lambda';
import { AppError } from '../../shared/core/errors.ts';

/** What one invocation's context is made of. */
export interface LambdaContextOptions {
  readonly functionName: string;
  /** The function's time limit; `getRemainingTimeInMillis()` counts down from it. */
  readonly timeoutMs: number;
  /** Milliseconds on a monotonic clock (`performance.now`), injected for tests. */
  readonly nowMs: () => number;
  /** The invocation id; a random UUID when absent. */
  readonly requestId?: string;
}

const legacy = (name: string) => (): never => {
  throw new AppError('INTERNAL', `context.${name}() is not supported by the runner: return or throw from the handler instead`);
};

/** A Lambda-like context for one invocation, its deadline starting now. */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const deadline = options.nowMs() + options.timeoutMs;
  const name = options.functionName;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    // The process's heap limit stands in for the function's configured memory.
    memoryLimitInMB: String(Math.round(getHeapStatistics().heap_size_limit / 1_048_576)),
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `function-runner/${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - options.nowMs())),
    done: legacy('done'),
    fail: legacy('fail'),
    succeed: legacy('succeed'),
  };
}
