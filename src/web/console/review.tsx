// Console page: the review queue. Entries whose published country tags are below high confidence (src/tag/
// confidence.ts; docs/tagging.md has what each level measures) and that no editor has decided on, newest first; each
// uncertain tag can be accepted (kept as an editor's decision) or removed, and any tag corrected, with plain forms.
import { confidenceOf } from '../../tag/index.ts';
import { encodeCursor, parseReviewQuery } from '../api/entries-query.ts';
import type { Kit } from '../kit.ts';
import { OlderLink, TagButton, TagChip, TagCorrectionForm } from './entries-parts.tsx';
import { Layout, render } from './layout.tsx';

export function registerReviewPages(kit: Kit): void {
  const { store } = kit.deps;

  kit.page('GET', '/review', 'read', 'entries whose country tags are uncertain, to accept or correct', async (c) => {
    const p = c.get('principal');
    const given: Record<string, string> = {};
    for (const k of ['limit', 'before', 'country']) {
      const v = c.req.query(k);
      if (v) given[k] = v;
    }
    const paging = parseReviewQuery(given);
    if (!paging.ok) {
      return render(
        c,
        400,
        <Layout c={c} title="Review">
          <p class="error">{`${paging.param}: ${paging.reason}`}</p>
        </Layout>,
      );
    }
    const page = await store.feeds.reviewPage(paging.value);
    const backQuery = new URLSearchParams(Object.entries(given).filter(([k]) => k !== 'limit')).toString();
    const back = `/console/review${backQuery ? `?${backQuery}` : ''}`;
    return render(
      c,
      200,
      <Layout c={c} title="Review" notice={c.req.query('done')}>
        <p class="muted">
          Countries tagged below high confidence, newest first. Accept keeps a tag as an editor's decision (it stays on
          retag); remove drops it; both apply to every entry of the story.
        </p>
        <form method="get" action="/console/review" class="filters">
          <label>
            Country <input type="text" name="country" value={given.country ?? ''} size={6} placeholder="PE" />
          </label>
          <button type="submit">Show</button> <a href="/console/review">All countries</a>
        </form>
        {page.entries.length ? null : <p>Nothing to review.</p>}
        {page.entries.map((e) => {
          const tags = page.tags.get(e.id) ?? [];
          const uncertain = tags.filter(
            (t) =>
              t.kind === 'country' && t.role === 'focus' && confidenceOf(t) !== 'high' && t.reason.rule !== 'manual',
          );
          return (
            <section class="review-item">
              <h2>
                <a href={`/console/entries/${e.id}`}>{e.title || '(untitled)'}</a>
              </h2>
              <p class="muted">
                #{e.id} · {e.sourceId} · {e.publishedAt}
              </p>
              {e.summary ? <p>{e.summary.slice(0, 300)}</p> : null}
              <p>
                {tags.map((t) => (
                  <TagChip tag={t} />
                ))}
              </p>
              <ul>
                {uncertain.map((t) => (
                  <li>
                    {`${t.kind}:${t.value}`} ({confidenceOf(t)}, {t.reason.rule}
                    {t.reason.match ? ` on “${t.reason.match}”` : ''}){' '}
                    <TagButton
                      principal={p}
                      entryId={e.id}
                      kind={t.kind}
                      value={t.value}
                      action="add"
                      label="Accept"
                      back={back}
                    />{' '}
                    <TagButton
                      principal={p}
                      entryId={e.id}
                      kind={t.kind}
                      value={t.value}
                      action="remove"
                      label="Remove"
                      back={back}
                    />
                  </li>
                ))}
              </ul>
              <TagCorrectionForm principal={p} entryId={e.id} back={back} />
            </section>
          );
        })}
        <OlderLink path="/console/review" given={given} next={page.next && encodeCursor(page.next)} />
      </Layout>,
    );
  });
}
