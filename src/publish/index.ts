// publish: curated feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) and their HTML pages, from the store.
export { Site, type FeedSpec, type FeedKind, type Resource, type Resolved, type SiteOptions } from './site.ts';
export {
  loadCollections,
  checkCollections,
  filterFromTerms,
  COLLECTIONS_FILE,
  type Collection,
} from './collections.ts';
export { loadTagNames, type TagNames } from './names.ts';
export { notifyHub, type HubState, type HubResult } from './websub.ts';
export { buildFeedModel, CONTENT_TYPES, FORMATS, type FeedFormat, type FeedModel, type ItemModel } from './model.ts';
export { renderFeed } from './render.ts';
export { storyUrn, feedId } from './ids.ts';
export {
  parseFeedParams,
  canonicalQuery,
  FEED_PARAM_NAMES,
  encodeCursor,
  decodeCursor,
  type FeedParams,
} from './params.ts';
export { writeStaticSite, unsafeExportTarget, EXPORT_MARKER, type PublishResult } from './static.ts';
export { feedFile, viewFile, STATIC_PAGES } from './files.ts';
export { shownEntry } from './shown-entry.ts';
