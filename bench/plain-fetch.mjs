// The cycle bench's plain-fetch arm, a process of its own: CONCURRENCY workers pull URLs off one list with
// Node's global fetch and read every body; with ETAGFILE present, each request sends the ETag it holds
// (If-None-Match), and the ETags received are written back to it. Prints {ms, s200, s304, other, bytes}.
//   node bench/plain-fetch.mjs PORT N ETAGFILE CONCURRENCY
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [port, n, etagFile, conc] = [process.argv[2], Number(process.argv[3]), process.argv[4], Number(process.argv[5])];
const etags = existsSync(etagFile) ? JSON.parse(readFileSync(etagFile, 'utf8')) : {};
const got = {};
let next = 0;
let s200 = 0;
let s304 = 0;
let other = 0;
let bytes = 0;
const t0 = performance.now();
async function worker() {
  while (next < n) {
    const i = next++;
    const tag = etags[i];
    const r = await fetch(`http://127.0.0.1:${port}/f${i}.xml`, { headers: tag ? { 'if-none-match': tag } : {} });
    const body = await r.arrayBuffer();
    bytes += body.byteLength;
    if (r.status === 200) s200++;
    else if (r.status === 304) s304++;
    else other++;
    const e = r.headers.get('etag');
    if (e) got[i] = e;
  }
}
await Promise.all(Array.from({ length: conc }, worker));
const ms = Math.round(performance.now() - t0);
writeFileSync(etagFile, JSON.stringify(got));
console.log(JSON.stringify({ ms, s200, s304, other, bytes }));
