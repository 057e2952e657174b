import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { AutoscaleTarget } from '../../schemas/annotations.ts';
import type { AutoScalingConfig, Resources } from '../../schemas/autoscaling-config.ts';
import { conflictingOptions } from '../model/issue.ts';
import type { CronRule, ResolvedAutoScaling, ResourceAmounts } from '../model/workload-spec.ts';
import { profileField, type ResolutionContext } from './resolution-context.ts';

/** v1 field names (reference §3.3) and the current names they map to (§3.2). */
const V1_NAMES: Readonly<Record<string, string>> = {
  targettflopspercentile: 'targetComputePercentile',
  lowerboundtflopspercentile: 'lowerBoundComputePercentile',
  upperboundtflopspercentile: 'upperBoundComputePercentile',
  targetvrampercentile: 'targetVRAMPercentile',
  lowerboundvrampercentile: 'lowerBoundVRAMPercentile',
  upperboundvrampercentile: 'upperBoundVRAMPercentile',
  requestMarginFraction: 'marginFraction',
};

/** Tuning fields (every one a number once parsed: decimals, counts, durations in ms) under their current names. */
function settingsOf(context: ResolutionContext, fields: Readonly<Partial<Record<string, number>>>): Record<string, number> {
  const settings: Record<string, number> = {};
  // zod leaves unset optional fields out (it never writes undefined), so every entry holds a number.
  for (const [name, value] of Object.entries(fields) as [string, number][]) {
    const current = V1_NAMES[name] ?? name;
    if (settings[current] !== undefined && settings[current] !== value) {
      context.issues.push(conflictingOptions(profileField(context, `autoScalingConfig.autoSetResources.${name}`), `agree with ${current}, its current name (${settings[current]})`, value));
    }
    settings[current] = value;
  }
  return settings;
}

function annotationToggle(context: ResolutionContext): boolean | undefined {
  const { parsed, raw } = context;
  const legacy = parsed[K.autoResources];
  const current = parsed[K.autoscale];
  if (legacy !== undefined && current !== undefined && legacy !== current) {
    context.issues.push(conflictingOptions(K.autoscale, `agree with ${K.autoResources} (${raw[K.autoResources]}), its alias`, raw[K.autoscale]));
  }
  return legacy ?? current;
}

function targetOf(context: ResolutionContext, enable: boolean, profileTarget: string | undefined): AutoscaleTarget | undefined {
  const annotated = context.parsed[K.autoscaleTarget] ?? context.parsed[K.autoScaleTargetResource];
  if (annotated !== undefined) return annotated;
  if (profileTarget === 'tflops') return 'compute';
  if (profileTarget === 'compute' || profileTarget === 'vram' || profileTarget === 'all') return profileTarget;
  return enable && profileTarget === undefined ? 'all' : undefined;
}

function amounts(resources: Resources['requests']): Partial<ResourceAmounts> | undefined {
  if (resources === undefined) return undefined;
  const out: { tflopsMilli?: number; computePercentMilli?: number; vramBytes?: number } = {};
  if (resources.tflops !== undefined) out.tflopsMilli = resources.tflops;
  if (resources.compute !== undefined) out.computePercentMilli = resources.compute;
  if (resources.vram !== undefined) out.vramBytes = resources.vram;
  return out;
}

function cronRules(config: AutoScalingConfig | undefined): CronRule[] {
  return (config?.cronScalingRules ?? []).map((rule) => {
    const requests = amounts(rule.desiredResources?.requests);
    const limits = amounts(rule.desiredResources?.limits);
    return {
      name: rule.name, enable: rule.enable ?? false, start: rule.start, end: rule.end,
      ...(requests === undefined ? {} : { requests }), ...(limits === undefined ? {} : { limits }),
      ...(rule.desiredReplicas === undefined ? {} : { desiredReplicas: rule.desiredReplicas }),
    };
  });
}

/**
 * Autoscaling: the profile's `autoScalingConfig`, then the annotations on top. `auto-resources`
 * (alias `autoscale`) switches `autoSetResources` on or off; `autoscale-target` picks the resource
 * (default `all` when switched on with no target, as TensorFusion does); `auto-replicas` switches
 * `autoSetReplicas`. v1 field names are mapped to the current ones.
 */
export function resolveAutoScaling(context: ResolutionContext): ResolvedAutoScaling {
  const config = context.profile?.spec.autoScalingConfig;
  const { enable: profileEnable, targetResource, ...resourceFields } = config?.autoSetResources ?? {};
  const enable = annotationToggle(context) ?? profileEnable ?? false;
  const { enable: replicasEnable, ...replicaFields } = config?.autoSetReplicas ?? {};
  const external = config?.externalScaler;
  return {
    autoSetResources: { enable, targetResource: targetOf(context, enable, targetResource), settings: settingsOf(context, resourceFields) },
    autoSetReplicas: { enable: context.parsed[K.autoReplicas] ?? replicasEnable ?? false, settings: settingsOf(context, replicaFields) },
    cronScalingRules: cronRules(config),
    ...(external === undefined ? {} : { externalScaler: { enable: external.enable ?? false, ...(external.url === undefined ? {} : { url: external.url }) } }),
  };
}
