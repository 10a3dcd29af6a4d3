-- Quality signals read the seven scored letters (q3–q9) of every response of a year: parsing
-- each response's JSON for them was most of GET /api/quality's time. They are written beside the
-- answers as each response is stored (submissions.insertResponse), and filled here for the
-- responses stored before. Same form as the json_extract it replaces: a JSON array of seven.
ALTER TABLE responses ADD COLUMN scored TEXT;
UPDATE responses SET scored = json_extract(content, '$.answers.q3', '$.answers.q4',
  '$.answers.q5', '$.answers.q6', '$.answers.q7', '$.answers.q8', '$.answers.q9');

-- The review list pages newest first by a cursor (seq) within a community, and counts a
-- community's responses (valid / invalid too) from this index alone instead of every row.
CREATE INDEX responses_review ON responses(community_code, seq, invalidated_at);
