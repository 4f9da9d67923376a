// URL handling inside HTML attributes: absolutize against the item's base, vet data: images.
import { isTrackerUrl } from './trackers.ts';

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

/** Splits srcset per the HTML spec: a URL (which may contain commas, as data: URLs do) then descriptors. */
function srcsetCandidates(srcset: string): Array<{ url: string; descriptors: string }> {
  const out: Array<{ url: string; descriptors: string }> = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset.charAt(i))) i++;
    let url = '';
    while (i < srcset.length && !/\s/.test(srcset.charAt(i))) url += srcset.charAt(i++);
    if (!url) break;
    let descriptors = '';
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      while (i < srcset.length && srcset[i] !== ',') descriptors += srcset[i++];
    }
    out.push({ url, descriptors: descriptors.trim() });
  }
  return out;
}

/** Each srcset candidate absolutized; unsafe candidates dropped. */
export function rewriteSrcset(srcset: string, base: string | undefined): string {
  return (
    srcsetCandidates(srcset)
      .filter(
        ({ url }) =>
          !(/^data:/i.test(url) && !isSafeDataImage(url)) &&
          !/^(?:javascript|vbscript):/i.test(url.replace(/[\s\x00-\x1f]/g, '')),
      )
      // A tracker is a tracker at any resolution.
      .filter(({ url }) => !isTrackerUrl(absolutize(url, base)))
      .map(({ url, descriptors }) => (descriptors ? `${absolutize(url, base)} ${descriptors}` : absolutize(url, base)))
      .join(', ')
  );
}
