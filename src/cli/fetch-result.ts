// How a source's last fetch reads to an editor: in `fetch`'s summary and in `sources list`.

/** Network-level failures read as "unreachable": what an editor sees when a site or the network is down. */
const UNREACHABLE = new Set(['dns', 'refused', 'reset', 'timeout', 'tls', 'network', 'unreachable']);

export function resultLabel(r: { status: string; errorCode?: string }): string {
  if (r.status === 'not-modified') return 'not modified (304)';
  if (r.status === 'error' && r.errorCode && UNREACHABLE.has(r.errorCode)) return 'unreachable';
  return r.status;
}
