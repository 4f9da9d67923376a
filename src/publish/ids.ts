// Published ids. They never depend on the base URL, the format or the process: a story keeps its id when more
// sources join it, when the server restarts and when the site moves.

/** Atom requires an IRI for ids; feed 6.0.0 passes ids through `new URL()`, which accepts urn: but not bare ids. */
export function storyUrn(uid: string): string {
  return `urn:wireroom:story:${uid}`;
}

/** A feed's id: its path without extension ("country/pe", "c/latin-america"), plus the query that narrows it. */
export function feedId(path: string, query = ''): string {
  return `urn:wireroom:feed:${path}${query ? `?${query}` : ''}`;
}

export function sourceUrn(sourceId: string): string {
  return `urn:wireroom:source:${sourceId}`;
}

/** The scheme (Atom) and domain (RSS) naming which kind of tag a category is. */
export const TAG_SCHEME = {
  country: 'urn:wireroom:country',
  region: 'urn:wireroom:region',
  topic: 'urn:wireroom:topic',
} as const;
