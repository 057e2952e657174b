import { z } from 'zod';

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The cluster an event belongs to. It is the first segment of every Kafka key (`clusterId/...`), so it
 * must not contain `/`: a lowercase DNS-style name of at most 63 characters.
 */
export const clusterIdField = z.string({ error: 'be a cluster id like prod-eu-1' })
  .max(63, { error: 'be at most 63 characters' })
  .regex(DNS_NAME, { error: 'be a cluster id like prod-eu-1 (lowercase letters, digits, "-" and ".")' });

/** A Kubernetes object name (node, pool, pod, namespace): a DNS subdomain, at most 253 characters. */
export const objectNameField = z.string({ error: 'be a Kubernetes object name' })
  .max(253, { error: 'be at most 253 characters' })
  .regex(DNS_NAME, { error: 'be a Kubernetes object name (lowercase letters, digits, "-" and ".")' });

/** An ISO-8601 instant with a zone: `2025-01-31T12:00:00Z` or `2025-01-31T13:00:00.250+01:00`. */
export const isoTimeField = z.iso.datetime({ offset: true, error: 'be an ISO-8601 time like 2025-01-31T12:00:00Z' });

/** A whole number ≥ 0 that JavaScript holds exactly (byte counts, offsets, milli-units). */
export const countField = z.int({ error: 'be a whole number' }).min(0, { error: 'be 0 or more' });

/** A GPU UUID as the driver reports it (`GPU-5c0b...`); only non-empty is required, vendors differ. */
export const gpuUuidField = z.string({ error: 'be a GPU UUID' }).min(1, { error: 'be a GPU UUID' }).max(128, { error: 'be at most 128 characters' });

/** Non-empty free text up to `max` characters (reasons, messages, sources). */
export const textField = (max: number): z.ZodString =>
  z.string({ error: 'be text' }).min(1, { error: 'not be empty' }).max(max, { error: `be at most ${max} characters` });
