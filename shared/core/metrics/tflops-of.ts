/**
 * TFLOPS in use on a GPU running at `computePercent` of a device worth `fp16TflopsMilli` thousandths of
 * dense FP16 TFLOPS: utilisation × capacity ÷ 100, the legacy hypervisor's rule that the reference tells
 * re-implementers to follow (`tensorfusion-behaviour.md` §6.1, `compute_tflops`).
 */
export function tflopsOf(computePercent: number, fp16TflopsMilli: number): number {
  return (computePercent * fp16TflopsMilli) / 100_000;
}
