-- Opening a year gives every community a new QR link. The old links are kept here so an old
-- poster answers "本年度测评已结束" (410) instead of "无效链接": residents can tell the two apart.
CREATE TABLE retired_qr_links (
  token TEXT PRIMARY KEY,
  community_code TEXT NOT NULL,
  assessment_year INTEGER NOT NULL,
  retired_at TEXT NOT NULL
) WITHOUT ROWID;

-- Retention (PIPL): when a locked year's raw answers, free texts and interview notes were
-- deleted (NULL: still kept). The year's aggregates, results and audit trail stay.
ALTER TABLE assessment_years ADD COLUMN raw_deleted_at TEXT;
