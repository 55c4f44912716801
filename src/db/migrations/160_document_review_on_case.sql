-- One review path (issue 14): a document is reviewed on the case that cites it (4.9.2: the
-- hospital accepts or rejects the fault analysis with POST /faults/{caseId}/analysis-review),
-- and a version shows the latest analysis.accepted / analysis.rejected fact whose reference is
-- <documentId>@<version>. document_reviews, written by the document route that duplicated the
-- case's review, is no longer written (forward-only: the table and any rows stay).
CREATE INDEX case_facts_analysis_reference ON case_facts ((detail->>'reference'), recorded_at)
  WHERE type IN ('analysis.accepted', 'analysis.rejected');
