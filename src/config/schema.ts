// The shape of config/wireroom.yaml and config/sources.yaml, with defaults an editor can leave out.
import { z } from 'zod';

const cronField = z.string().refine((s) => s.trim().split(/\s+/).length >= 5 && s.trim().split(/\s+/).length <= 6, {
  message: 'expected a cron expression with 5 or 6 fields, e.g. "*/15 * * * *"',
});

const MINUTES_PER_UNIT: Record<string, number> = { m: 1, h: 60, d: 1440 };

/** "90", 90, "30m", "2h", "1d" -> minutes */
export const minutes = z
  .union([
    z.number().positive(),
    z.string().regex(/^\d+(\.\d+)?\s*[mhd]?$/, 'expected minutes or a duration like 30m, 2h, 1d'),
  ])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const n = parseFloat(v);
    return n * (MINUTES_PER_UNIT[v.trim().slice(-1)] ?? 1);
  });

export const mainSchema = z
  .object({
    site: z
      .object({
        title: z.string().min(1).default('wireroom'),
        description: z.string().default('Curated news feeds'),
        base_url: z
          .url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' })
          .default('http://127.0.0.1:8080/'),
        language: z.string().default('en'),
      })
      .strict()
      .prefault({}),
    schedule: z
      .object({
        cron: cronField.default('*/15 * * * *'),
        timezone: z.string().default('UTC'),
        run_on_start: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    // `database: postgres://user@host/db` (or `database: FILE`) is short for `database: { path: ... }`.
    database: z
      .preprocess(
        (v) => (typeof v === 'string' ? { path: v } : v),
        z.object({ path: z.string().min(1).default('db/wireroom.sqlite') }).strict(),
      )
      .prefault({}),
    fetch: z
      .object({
        concurrency: z.int().min(1).max(256).default(16),
        interval: minutes.default(15),
        per_host: z.int().min(1).max(32).default(2),
        timeout_seconds: z.number().positive().max(600).default(30),
        connect_timeout_seconds: z.number().positive().max(120).default(10),
        max_body_bytes: z
          .int()
          .min(1024)
          .default(10 * 1024 * 1024),
        max_redirects: z.int().min(0).max(20).default(5),
        user_agent: z.string().min(1).default('wireroom/0.1 (+https://github.com/wireroom/wireroom)'),
        allow_private: z.array(z.string()).default([]),
      })
      .strict()
      .prefault({}),
    retention: z
      .object({ days: z.int().min(1).default(365) })
      .strict()
      .prefault({}),
    ingest: z
      .object({
        // Threads that parse, sanitize and tag fetched documents while the main thread fetches and stores.
        threads: z.union([z.literal('auto'), z.int().min(0).max(32)]).default('auto'),
      })
      .strict()
      .prefault({}),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.int().min(0).max(65535).default(8080),
        cache_max_age: z.int().min(0).default(300),
        // /healthz: the worker is "recent" while its last cycle finished within this many schedule intervals.
        health: z
          .object({ stale_after_intervals: z.number().positive().default(3) })
          .strict()
          .prefault({}),
        // Prometheus /metrics, off unless one of these is set: a token for /metrics on the public port (its SHA-256
        // in hex, so the config file holds no secret), or a port of its own (host defaults to loopback).
        metrics: z
          .object({
            token_sha256: z
              .string()
              .regex(/^[0-9a-fA-F]{64}$/, 'expected the SHA-256 of the token, 64 hex digits (sha256sum)')
              .optional(),
            port: z.int().min(0).max(65535).optional(),
            host: z.string().default('127.0.0.1'),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    // The editors' console and JSON API (src/web).
    console: z
      .object({
        // A session ends after this long without a request, and this long after sign-in whatever happens.
        session_idle: minutes.default(720),
        session_max: minutes.default(10080),
        // Wrong passwords before an account (or a client address, x4) is locked, and for how long.
        login_max_failures: z.int().min(1).default(5),
        login_lock: minutes.default(15),
        // Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses or CIDRs).
        trusted_proxies: z.array(z.string()).default([]),
        // Source previews (each a remote fetch) per user per minute.
        previews_per_minute: z.int().min(1).default(10),
      })
      .strict()
      .prefault({}),
    publish: z
      .object({
        default_limit: z.int().min(1).default(50),
        max_limit: z.int().min(1).default(200),
        websub_hub: z.url().optional(),
        // Where the console's and API's static export writes (`wireroom publish --out` takes any folder), relative
        // to the project folder.
        export_dir: z.string().min(1).default('public'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type MainConfigFile = z.infer<typeof mainSchema>;

export const SOURCE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const sourceSchema = z
  .object({
    id: z.string().regex(SOURCE_ID, 'expected lower-case letters, digits, ".", "_" or "-" (at most 64)'),
    url: z.string().min(1),
    title: z.string().optional(),
    enabled: z.boolean().default(true),
    country: z
      .string()
      .regex(/^([A-Za-z]{2}|[a-z][a-z0-9-]+)$/, 'expected an ISO 3166-1 alpha-2 code or a region slug')
      .optional(),
    topics: z.array(z.string().regex(/^[a-z0-9-]+$/, 'expected a topic slug')).default([]),
    interval: minutes.optional(),
    priority: z.int().default(0),
  })
  .strict();

/** The list is checked item by item (see config/index.ts), so one bad source does not hide the others' problems. */
export const sourcesSchema = z.object({ sources: z.array(z.unknown()).nullable().default([]) }).strict();
