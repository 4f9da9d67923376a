// URL handling inside HTML attributes: absolutize against the item's base, vet data: images.

export function absolutize(ref: string, base: string | undefined): string {
  const v = ref.trim();
  if (!base || v === '' || v.startsWith('#')) return v;
  try {
    return new URL(v, base).href;
  } catch {
    return v;
  }
}

// SVG is left out: as a data: URL it is a document that can carry script when opened on its own.
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[A-Za-z0-9+/=\s]+$/i;

export function isSafeDataImage(src: string): boolean {
  return SAFE_DATA_IMAGE.test(src.trim());
}

/** Each srcset candidate absolutized; unsafe candidates dropped. */
export function rewriteSrcset(srcset: string, base: string | undefined): string {
  return srcset
    .split(/,(?=\s*\S)(?![^\s,]*;base64)/)
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const [url = '', ...desc] = c.split(/\s+/);
      if (/^data:/i.test(url) && !isSafeDataImage(url)) return undefined;
      if (/^\s*(?:javascript|vbscript):/i.test(url)) return undefined;
      return [absolutize(url, base), ...desc].join(' ');
    })
    .filter((c): c is string => c !== undefined)
    .join(', ');
}
