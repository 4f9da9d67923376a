-- The editors' review queue (issue #12, src/store/feeds.ts reviewPage): published country tags below high confidence
-- (src/tag/confidence.ts: a focus scoring under 4), newest first, so the queue reads one page of an index instead
-- of scanning every country tag. Partial: rows at high confidence, regions and topics cost no extra write.
CREATE INDEX entry_tags_uncertain ON entry_tags (published_at DESC, entry_id DESC) WHERE kind = 'country' AND score < 4;
