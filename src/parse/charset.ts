// Turns the fetched bytes into text. Order of authority: BOM, XML declaration, HTTP charset, UTF-8.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** Canonical name of the encoding actually used. */
  encoding: string;
  warnings: string[];
}

/** Labels browsers treat as windows-1252 (its C1 range holds the curly quotes and euro sign people mean). */
const AS_WINDOWS_1252 = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'latin-1',
  'l1',
  'us-ascii',
  'ascii',
  'iso_8859-1',
  'cp819',
  'ibm819',
]);

function sniffBom(body: Buffer): { encoding: string; skip: number } | undefined {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)
    return { encoding: 'utf-8', skip: 3 };
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** UTF-16 without BOM still starts with "<?" in its code units. */
function sniffUtf16(body: Buffer): string | undefined {
  if (body.length < 4) return undefined;
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return 'utf-16le';
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return 'utf-16be';
  return undefined;
}

export function declaredEncoding(head: string): string | undefined {
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl?.[1]?.toLowerCase();
}

export function headerCharset(contentType?: string): string | undefined {
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function canonical(label: string): string {
  const l = label.toLowerCase();
  if (AS_WINDOWS_1252.has(l)) return 'windows-1252';
  if (l === 'utf8') return 'utf-8';
  if (l === 'utf-16' || l === 'utf16' || l === 'ucs-2') return 'utf-16le';
  if (l === 'gb2312' || l === 'x-gbk' || l === 'gb_2312-80') return 'gbk';
  if (l === 'x-sjis' || l === 'shift-jis' || l === 'sjis') return 'shift_jis';
  return l;
}

const DECLARED_ENCODING = /^(\s*<\?xml\s[^>]*?)\s+encoding\s*=\s*["'][^"']*["']/;

/** The XML parser must not see an encoding it would try to apply again to already-decoded text. */
export function dropDeclaredEncoding(text: string): string {
  return text.replace(DECLARED_ENCODING, '$1');
}

/**
 * UTF-8 bytes decoded with their declared encoding dropped (dropDeclaredEncoding), cut from the bytes before they
 * are decoded when the declaration is ASCII: cut from the text, the document became two joined strings that the
 * first pattern over it copied into one (as long as decoding it, on the corpus). The declaration is matched in
 * `head`, the bytes read as latin1; on ASCII characters that is the text itself, and the pattern reads nothing past
 * the quote that ends its match, so it finds the same match in both.
 */
function decodeUtf8WithoutEncoding(bytes: Buffer, head: string): string {
  const m = DECLARED_ENCODING.exec(head);
  const keep = m?.[1]?.length;
  if (!m || keep === undefined || !/^[\x00-\x7f]*$/.test(m[0])) return dropDeclaredEncoding(bytes.toString('utf8'));
  return Buffer.concat([bytes.subarray(0, keep), bytes.subarray(m[0].length)]).toString('utf8');
}

/** Legacy single-byte Western and Cyrillic labels (after canonical()), the ones UTF-8 is most often mislabelled as. */
const SINGLE_BYTE = /^(windows-125\d|iso-8859-\d+|us-ascii|ascii|latin1|koi8-[ru])$/;

/** Any byte >= 0x80: pure ASCII decodes the same either way. */
function hasMultibyte(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] ?? 0) >= 0x80) return true;
  return false;
}

export function decodeBody(body: Buffer, contentType?: string): Decoded {
  const warnings: string[] = [];
  const bom = sniffBom(body);
  const bytes = bom ? body.subarray(bom.skip) : body;
  // Declarations are ASCII, so a latin1 view of the first bytes is enough to read them.
  const head = bytes.subarray(0, 512).toString('latin1');
  const declared = declaredEncoding(head);
  const fromHeader = headerCharset(contentType);
  const utf16 = bom ? undefined : sniffUtf16(bytes);

  let chosen: string;
  if (bom) {
    chosen = bom.encoding;
    if (declared && !declared.startsWith(bom.encoding.slice(0, 6)) && declared !== 'utf-16') {
      warnings.push(
        `encoding conflict: byte order mark says ${bom.encoding}, XML declaration says ${declared}; used ${bom.encoding}`,
      );
    }
  } else if (utf16) {
    chosen = utf16;
  } else if (declared) {
    chosen = canonical(declared);
  } else if (fromHeader) {
    chosen = canonical(fromHeader);
  } else {
    chosen = 'utf-8';
  }

  if (!iconv.encodingExists(chosen)) {
    warnings.push(`unknown encoding "${chosen}"; decoded as UTF-8`);
    chosen = 'utf-8';
  }
  // Many feeds say UTF-8 (or nothing) and send windows-1252: decode what the bytes are, say so.
  if (chosen === 'utf-8' && !isUtf8(bytes)) {
    warnings.push('document is not valid UTF-8 as declared; decoded as windows-1252');
    chosen = 'windows-1252';
  } else if (SINGLE_BYTE.test(chosen) && hasMultibyte(bytes) && isUtf8(bytes)) {
    // The reverse: declared Latin-1/windows-125x but written in UTF-8. Valid multi-byte UTF-8 is practically
    // never genuine single-byte text (it would read as "CafÃ©"), so the bytes win over the label.
    warnings.push(`document declared ${chosen} but is valid UTF-8; decoded as UTF-8`);
    chosen = 'utf-8';
  }
  // Valid UTF-8 (checked above) decodes natively; a BOM was already skipped.
  const text =
    chosen === 'utf-8'
      ? decodeUtf8WithoutEncoding(bytes, head)
      : dropDeclaredEncoding(iconv.decode(bytes, chosen, { stripBOM: true }));
  return { text, encoding: chosen, warnings };
}
