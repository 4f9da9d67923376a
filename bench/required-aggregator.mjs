// The least a correct aggregator does, as a baseline beside ../shared/bench/naive-aggregator.mjs (issue #14): the
// naive aggregator's work (conditional GET with the ETag kept in SQLite, rss-parser parseString, INSERT OR IGNORE
// into SQLite in WAL mode, one transaction per source, the same concurrency) plus the two things no aggregator that
// republishes untrusted HTML or offers search can skip: each item's HTML sanitized (sanitize-html, its default
// allow-list) and its text put in an FTS5 index. No tags, no stories, no feed identity rules, one thread.
//
//   node bench/required-aggregator.mjs PORT N DBFILE [CONCURRENCY]   (from the project root)
// prints {ms, stored, s304}, as the naive aggregator does.
import { createRequire } from 'node:module';

const require = createRequire(process.cwd() + '/');
const Parser = require('rss-parser');
const Database = require('better-sqlite3');
const sanitizeHtml = require('sanitize-html');

const [port, n, dbfile, conc] = [process.argv[2], +process.argv[3], process.argv[4], +(process.argv[5] || 32)];
const db = new Database(dbfile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS src(id INTEGER PRIMARY KEY, etag TEXT);
CREATE TABLE IF NOT EXISTS entries(id INTEGER PRIMARY KEY, source INTEGER, guid TEXT, title TEXT, link TEXT,
  published TEXT, content TEXT, UNIQUE(source, guid));
CREATE VIRTUAL TABLE IF NOT EXISTS entries_fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 2');`);
const getEtag = db.prepare('SELECT etag FROM src WHERE id = ?');
const setEtag = db.prepare('INSERT OR REPLACE INTO src(id, etag) VALUES (?, ?)');
const ins = db.prepare(
  'INSERT OR IGNORE INTO entries(source, guid, title, link, published, content) VALUES (?, ?, ?, ?, ?, ?)',
);
const fts = db.prepare('INSERT INTO entries_fts(rowid, title, body) VALUES (?, ?, ?)');
const TEXT_ONLY = { allowedTags: [], allowedAttributes: {} };
const parser = new Parser();

/**
 * A GET, sent again once when the server closed the kept-alive connection it went out on (what wireroom's fetcher
 * and browsers do, #14): on a loaded machine the file server's 5 s keep-alive timeout ends idle connections.
 */
async function get(url, headers) {
  try {
    return await fetch(url, { headers });
  } catch (err) {
    if (err?.cause?.code !== 'UND_ERR_SOCKET') throw err;
    return fetch(url, { headers });
  }
}

const t0 = performance.now();
let next = 0;
let stored = 0;
let s304 = 0;
async function worker() {
  while (next < n) {
    const i = next++;
    const etag = getEtag.get(i)?.etag;
    const r = await get(`http://127.0.0.1:${port}/f${i}.xml`, etag ? { 'if-none-match': etag } : {});
    if (r.status === 304) {
      s304++;
      continue;
    }
    const feed = await parser.parseString(await r.text());
    const items = feed.items.map((it) => {
      const html = sanitizeHtml(it.content || '');
      return { it, html, text: sanitizeHtml(html, TEXT_ONLY) };
    });
    db.transaction(() => {
      for (const { it, html, text } of items) {
        const res = ins.run(i, it.guid || it.link, it.title, it.link, it.isoDate, html);
        if (res.changes) fts.run(res.lastInsertRowid, it.title ?? '', text);
        stored += res.changes;
      }
      setEtag.run(i, r.headers.get('etag'));
    })();
  }
}
await Promise.all(Array.from({ length: conc }, worker));
console.log(JSON.stringify({ ms: Math.round(performance.now() - t0), stored, s304 }));
