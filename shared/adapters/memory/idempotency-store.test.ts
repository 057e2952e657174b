import { idempotencyStoreContract } from '../../../test/contracts/idempotency-store.contract.ts';
import { createMemoryIdempotencyStore } from './idempotency-store.ts';

idempotencyStoreContract('memory', () => createMemoryIdempotencyStore());
