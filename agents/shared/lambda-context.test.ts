import { describe, expect, it } from 'vitest';
import { lambdaContextFactory, type LambdaContextOptions } from './lambda-context.ts';

const RUNNER = { host: 'function-runner', hostInWords: 'the runner' };
const createLambdaContext = (options: Omit<LambdaContextOptions, 'host' | 'hostInWords'> & { readonly requestId?: string }) =>
  lambdaContextFactory({ ...RUNNER, ...options })(options.requestId);

describe('Function: lambdaContextFactory()', () => {
  it('counts the remaining time down from the function timeout', () => {
    let now = 1_000;
    const context = createLambdaContext({ functionName: 'allocate-gpus', timeoutMs: 6_000, nowMs: () => now, requestId: 'r-1' });
    expect(context).toMatchObject({ functionName: 'allocate-gpus', awsRequestId: 'r-1', functionVersion: '$LATEST', logGroupName: '/aws/lambda/allocate-gpus', callbackWaitsForEmptyEventLoop: false });
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:local:000000000000:function:allocate-gpus');
    expect(context.getRemainingTimeInMillis()).toBe(6_000);
    now += 2_500;
    expect(context.getRemainingTimeInMillis()).toBe(3_500);
    now += 10_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it('gives each invocation its own request id, and refuses the legacy callbacks', () => {
    const make = () => createLambdaContext({ functionName: 'f', timeoutMs: 1, nowMs: () => 0 });
    expect(make().awsRequestId).not.toBe(make().awsRequestId);
    expect(() => make().succeed('x')).toThrow(expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('context.succeed() is not supported') }));
  });
});
