import { describe, expect, it } from 'vitest';
import { parseGentd26Text } from './gentd26-series.ts';
import { parseOpenbFleet } from './openb-fleet.ts';

describe('Parser: gentd26 series', () => {
  it('reads the duty cycle file, columns by name', () => {
    const text = 'value,timestamp_anon,container_ip\n0.0,1662858720.0,23b8eba9\n87.5,1662858777.0,23b8eba9\n';
    expect(parseGentd26Text(text, 'dutyCycle')).toEqual({
      values: [{ pod: '23b8eba9', atMs: 1_662_858_720_000, value: 0 }, { pod: '23b8eba9', atMs: 1_662_858_777_000, value: 87.5 }], issues: [],
    });
  });

  it('reads the memory file, whose columns come in another order', () => {
    const text = 'timestamp_anon,value,container_ip\n1662858720.0,33879490560.0,81202f3f\n';
    expect(parseGentd26Text(text, 'memoryBytes').values).toEqual([{ pod: '81202f3f', atMs: 1_662_858_720_000, value: 33_879_490_560 }]);
  });

  it.each([
    { name: 'a duty cycle above 100', row: '100.5,1,p', field: 'gentd26 dutyCycle value' },
    { name: 'a negative value', row: '-1,1,p', field: 'gentd26 dutyCycle value' },
    { name: 'a time that is no number', row: '1,yesterday,p', field: 'gentd26 timestamp_anon' },
    { name: 'a time too large', row: '1,99999999999999999999,p', field: 'gentd26 timestamp_anon' },
    { name: 'no pod id', row: '1,1,', field: 'gentd26 container_ip' },
    { name: 'four fields', row: '1,1,p,extra', field: 'gentd26 row' },
  ])('reports $name with its line', ({ row, field }) => {
    const parsed = parseGentd26Text(`value,timestamp_anon,container_ip\n1,1,ok\n${row}`, 'dutyCycle');
    expect(parsed.values).toHaveLength(1);
    expect(parsed.issues).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', line: 3, field })]);
  });

  it('stops at a header that lacks a column, or at no header', () => {
    expect(parseGentd26Text('\nvalue,time\n1,1', 'dutyCycle')).toEqual({ values: [], issues: [expect.objectContaining({ line: 2, field: 'gentd26 header' })] });
    expect(parseGentd26Text('', 'dutyCycle').issues[0]?.rule).toContain('name the columns');
  });
});

describe('Parser: openb fleet', () => {
  it('reads node lines', () => {
    expect(parseOpenbFleet('sn,cpu_milli,memory_mib,gpu,model\nopenb-node-0000,64000,262144,2,P100\n')).toEqual({
      values: [{ name: 'openb-node-0000', cpuMilli: 64_000, memoryMib: 262_144, gpus: 2, model: 'P100' }], issues: [],
    });
  });

  it('takes columns by name', () => {
    expect(parseOpenbFleet('model,gpu,sn,cpu_milli,memory_mib\nT4,1,n1,1000,2048').values[0]).toMatchObject({ name: 'n1', gpus: 1, model: 'T4' });
  });

  it.each([
    { name: 'a bad node name', row: 'Node_1,1,1,1,T4', field: 'openb sn' },
    { name: 'a fractional GPU count', row: 'n1,1,1,1.5,T4', field: 'openb gpu' },
    { name: 'no model', row: 'n1,1,1,1,', field: 'openb model' },
    { name: 'too few fields', row: 'n1,1,1,1', field: 'openb row' },
  ])('reports $name', ({ row, field }) => {
    expect(parseOpenbFleet(`sn,cpu_milli,memory_mib,gpu,model\n${row}`).issues).toEqual([expect.objectContaining({ line: 2, field })]);
  });

  it('stops at a bad header, or at none', () => {
    expect(parseOpenbFleet('sn,gpu\nn1,1').issues[0]).toMatchObject({ line: 1, field: 'openb header' });
    expect(parseOpenbFleet('').issues[0]).toMatchObject({ line: 1, field: 'openb header' });
  });
});
