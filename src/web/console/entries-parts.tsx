// Pieces the entry pages and the review queue share: tag chips, the correction forms (plain POST forms, no
// JavaScript) and the "older" link. Everything from a feed goes through JSX, which escapes it.
import type { Principal } from '../types.ts';
import { confidenceOf } from '../../tag/index.ts';
import type { Tag } from '../../types.ts';
import { CsrfField } from './layout.tsx';

/** `country:PE · medium`, marked when an editor set it. */
export function TagChip(props: { tag: Tag }) {
  const t = props.tag;
  const confidence = confidenceOf(t);
  const manual = t.reason.rule === 'manual';
  return (
    <span class={`tag${confidence ? ` confidence-${confidence}` : ''}`} title={`rule ${t.reason.rule}`}>
      {t.kind}:{t.value}
      {t.role === 'mention' ? ' (mention)' : ''}
      {confidence ? ` · ${confidence}` : ''}
      {manual ? ' · by an editor' : ''}
    </span>
  );
}

/** One button that adds or removes one tag (accepting an uncertain tag is adding it as an editor's decision). */
export function TagButton(props: {
  principal: Principal;
  entryId: number;
  kind: string;
  value: string;
  action: 'add' | 'remove';
  label: string;
  back?: string;
}) {
  return (
    <form method="post" action={`/console/entries/${props.entryId}/tags`} class="inline">
      <CsrfField principal={props.principal} />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="value" value={props.value} />
      <input type="hidden" name="action" value={props.action} />
      {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
      <button type="submit">{props.label}</button>
    </form>
  );
}

/** Add (or remove) any country, region or topic by typing it. */
export function TagCorrectionForm(props: { principal: Principal; entryId: number; back?: string }) {
  return (
    <form method="post" action={`/console/entries/${props.entryId}/tags`} class="filters">
      <CsrfField principal={props.principal} />
      {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
      <label>
        Action{' '}
        <select name="action">
          <option value="add">add</option>
          <option value="remove">remove</option>
        </select>
      </label>
      <label>
        Kind{' '}
        <select name="kind">
          <option value="country">country</option>
          <option value="region">region</option>
          <option value="topic">topic</option>
        </select>
      </label>
      <label>
        Value <input type="text" name="value" required placeholder="PE, latin-america, strikes" />
      </label>
      <button type="submit">Correct the tags</button>
    </form>
  );
}

/** "Older" link keeping the page's other parameters. */
export function OlderLink(props: { path: string; given: Record<string, string>; next?: string }) {
  if (!props.next) return <p class="pager muted">No older entries.</p>;
  const sp = new URLSearchParams(Object.entries(props.given).filter(([k]) => k !== 'before'));
  sp.set('before', props.next);
  return (
    <p class="pager">
      <a href={`${props.path}?${sp.toString()}`} rel="next">
        Older →
      </a>
    </p>
  );
}

/** Where a correction form may send the editor back to: the review queue (kept with its page), else nowhere. */
export function safeBack(raw: string): string | undefined {
  return /^\/console\/review(\?[A-Za-z0-9_=&%.-]*)?$/.test(raw) ? raw : undefined;
}
