// The role -> scope table and what a token's scopes become under its owner's current role. Pure.
import { describe, expect, it } from 'vitest';
import {
  effectiveScopes,
  expiryAfter,
  parseScopes,
  ROLE_SCOPES,
  scopesBeyondRole,
  SCOPES,
} from '../../src/auth/index.ts';

describe('roles and scopes', () => {
  it('each role allows more than the one below it, and only admins administer', () => {
    expect(ROLE_SCOPES.viewer).toEqual(['read']);
    expect(ROLE_SCOPES.editor).toEqual(['read', 'sources:write', 'tags:write', 'stories:write', 'collections:write']);
    expect(ROLE_SCOPES.admin).toEqual([...SCOPES]);
    expect(ROLE_SCOPES.editor).not.toContain('admin');
  });

  it('parseScopes takes a comma list in any order, once each, and names unknown scopes', () => {
    expect(parseScopes('tags:write, read,tags:write')).toEqual(['read', 'tags:write']);
    expect(() => parseScopes('read,write')).toThrow(/unknown scope write/);
    expect(() => parseScopes(' , ')).toThrow(/no scope/);
  });

  it('a token never carries more than the role allows', () => {
    const all = [...SCOPES];
    expect(effectiveScopes(all, 'admin')).toEqual(all);
    expect(effectiveScopes(all, 'editor')).toEqual(ROLE_SCOPES.editor);
    expect(effectiveScopes(['admin', 'sources:write'], 'viewer')).toEqual([]);
    expect(effectiveScopes(['read', 'bogus'], 'admin')).toEqual(['read']);
    expect(scopesBeyondRole(['read', 'admin', 'tags:write'], 'viewer')).toEqual(['admin', 'tags:write']);
  });

  it('expiry spans', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiryAfter('30d', now).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(expiryAfter('12h', now).toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(expiryAfter('2w', now).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    for (const bad of ['0d', '30', 'd', '1y', '-1d']) expect(() => expiryAfter(bad, now), bad).toThrow(/expiry/);
  });
});
