// "Try the tagger": what `wireroom classify` does for one text, with each tag's reason, so an editor can see what
// the taxonomy makes of a headline before (or after) changing it. A GET form: it changes nothing.
import { confidenceOf } from '../../tag/index.ts';
import type { Tag } from '../../types.ts';
import type { Kit } from '../kit.ts';
import { taggerFor } from '../taxonomy-cache.ts';
import { Layout, render } from './layout.tsx';

const MAX_TEXT = 20_000;

export function TagReasons(props: { tags: readonly Tag[] }) {
  if (!props.tags.length) return <p class="muted">No tag.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Tag</th>
          <th>Role</th>
          <th>Score</th>
          <th>Confidence</th>
          <th>Rule</th>
          <th>Matched</th>
          <th>In</th>
        </tr>
      </thead>
      <tbody>
        {props.tags.map((t) => (
          <tr>
            <td>
              <span class="tag">{`${t.kind}:${t.value}`}</span>
            </td>
            <td>{t.role ?? ''}</td>
            <td>{t.score.toFixed(2)}</td>
            <td>{confidenceOf(t) ?? ''}</td>
            <td>{t.reason.rule}</td>
            <td>{t.reason.match ?? ''}</td>
            <td>{t.reason.field ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerClassifyPages(kit: Kit): void {
  kit.page('GET', '/classify', 'read', 'tags a headline and summary as ingest would, with reasons', (c) => {
    const title = (c.req.query('title') ?? '').slice(0, MAX_TEXT);
    const summary = (c.req.query('summary') ?? '').slice(0, MAX_TEXT);
    const language = (c.req.query('language') ?? '').slice(0, 10) || undefined;
    const tags = title || summary ? taggerFor(kit.deps.config.dir).tag({ title, summary, language }) : undefined;
    return render(
      c,
      200,
      <Layout c={c} title="Try the tagger">
        <form method="get" action="/console/classify" class="stack">
          <label>
            Title <input type="text" name="title" value={title} size={80} />
          </label>
          <label>
            Summary <textarea name="summary">{summary}</textarea>
          </label>
          <label>
            Language <input type="text" name="language" value={language ?? ''} size={4} placeholder="en" />
          </label>
          <button type="submit">Tag it</button>
        </form>
        {tags ? <TagReasons tags={tags} /> : null}
      </Layout>,
    );
  });
}
