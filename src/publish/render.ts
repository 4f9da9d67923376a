// One entry point for the three formats: each writer is a pure FeedModel -> string of the same shape.
import { renderAtom } from './atom.ts';
import { renderJsonFeed } from './jsonfeed.ts';
import type { FeedFormat, FeedModel } from './model.ts';
import { renderRss } from './rss.ts';

const WRITERS: Record<FeedFormat, (model: FeedModel) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

export function renderFeed(model: FeedModel, format: FeedFormat): string {
  return WRITERS[format](model);
}
