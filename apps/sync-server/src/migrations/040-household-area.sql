-- Household keys gain the area of the community (小区 or 自然村) in front, separated by `·`
-- (`九亭小区·100弄12号301室`, `新姚村·3组25号`): two lanes or two estates no longer share a key.
-- Keys stored before this had no area. They are kept exactly as they were (a key is never
-- rewritten: the stored address is what was validated and hashed) and read as the area 未分区
-- until a coordinator assigns them. A response typed again with an area after this gets the new
-- key, so an old keyless response and a new one for the same door are two keys in two areas:
-- 未分区 shows the coordinator which ones still need an area.
ALTER TABLE responses ADD COLUMN household_area TEXT GENERATED ALWAYS AS (
  CASE WHEN instr(household_key, '·') > 1
    THEN substr(household_key, 1, instr(household_key, '·') - 1)
    ELSE '未分区'
  END
) VIRTUAL;
