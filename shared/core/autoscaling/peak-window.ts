import type { BucketScale } from './bucket-scale.ts';
import { addToHistogram, type DecayingHistogram } from './decaying-histogram.ts';

/**
 * VPA's memory-peak aggregation, which TensorFusion uses for VRAM (reference §5.3): one peak per window
 * (24 h by default) goes into the histogram, timestamped at the window's end; a higher value inside the
 * window takes the old peak back out and puts itself in. Source: kubernetes/autoscaler
 * .../recommender/model/container.go (addMemorySample).
 */
export interface PeakWindow {
  /** End of the current window, epoch ms; undefined before the first sample. */
  readonly endMs: number | undefined;
  readonly peak: number;
}

/** No window yet. */
export const NO_PEAK_WINDOW: PeakWindow = { endMs: undefined, peak: 0 };

/** What the histogram and window hold after one peak sample. */
export interface PeakStep {
  readonly histogram: DecayingHistogram;
  readonly window: PeakWindow;
}

/** Fold `sample` into the window and the peak histogram (weight 1 per window, as VPA does). */
export function addPeakSample(state: PeakStep, sample: { value: number; atMs: number }, options: { scale: BucketScale; windowMs: number }): PeakStep {
  const { histogram, window } = state;
  const { scale, windowMs } = options;
  if (window.endMs !== undefined && sample.atMs < window.endMs) {
    if (sample.value <= window.peak) return state;
    const without = addToHistogram(histogram, { value: window.peak, weight: -1, atMs: window.endMs }, scale);
    return { histogram: addToHistogram(without, { value: sample.value, weight: 1, atMs: window.endMs }, scale), window: { endMs: window.endMs, peak: sample.value } };
  }
  const last = window.endMs ?? sample.atMs;
  const endMs = last + Math.floor((sample.atMs - last) / windowMs) * windowMs + windowMs;
  return { histogram: addToHistogram(histogram, { value: sample.value, weight: 1, atMs: endMs }, scale), window: { endMs, peak: sample.value } };
}
