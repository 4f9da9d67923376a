// One entry point for the three formats.
import { renderAtom } from './atom.ts';
import { renderJsonFeed } from './jsonfeed.ts';
import type { FeedFormat, FeedModel } from './model.ts';
import { renderRss } from './rss.ts';

export function renderFeed(model: FeedModel, format: FeedFormat): string {
  return format === 'rss' ? renderRss(model) : format === 'atom' ? renderAtom(model) : renderJsonFeed(model);
}
