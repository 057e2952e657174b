#!/usr/bin/env node
// The `vgpuctl` executable: Node 24 runs this TypeScript directly (type stripping).
import { main } from './main.ts';

await main();
