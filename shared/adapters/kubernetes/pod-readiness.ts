import type * as k8s from '@kubernetes/client-node';
import type { PodReadiness } from '../../core/autoscaling/utilisation-of-pods.ts';

/**
 * Where a pod stands for replica scaling, as the HPA groups pods (`groupPods` in
 * https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/podautoscaler/replica_calculator.go):
 * being deleted, failed or finished is `gone`; running with its Ready condition true is `ready`; anything
 * else (pending, starting, failing its readiness probe) is `unready`.
 */
export function podReadiness(pod: k8s.V1Pod): PodReadiness {
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp !== undefined || phase === 'Failed' || phase === 'Succeeded') return 'gone';
  const ready = pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true;
  return phase === 'Running' && ready ? 'ready' : 'unready';
}
