-- Search while typing (issue 14): the last word typed is matched as a prefix ("checkout segm"). Without prefix
-- indexes FTS5 expands a prefix by merging the doclist of every term it covers (for a short prefix, most of the
-- index) before it can intersect; with them a prefix of 2 to 6 characters reads one doclist, lazily, like a
-- whole word. The index is rebuilt from search_docs (external content); the triggers on search_docs name the
-- table, so they keep working.
DROP TABLE `search_index`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	title, body, content='search_docs', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2',
	prefix='2 3 4 5 6'
);
--> statement-breakpoint
INSERT INTO `search_index` (`search_index`) VALUES ('rebuild');
