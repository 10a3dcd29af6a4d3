import { QUESTIONNAIRE_VERSIONS, type QuestionnaireDef } from '@jiuting/questionnaire';

/**
 * The versions a year may collect with: the town's own, never an example edition (the server
 * refuses those too, questionnaire_version_unknown). Older versions stay choosable: a year may
 * reuse one.
 */
export const CHOOSABLE_VERSIONS: readonly QuestionnaireDef[] = QUESTIONNAIRE_VERSIONS.filter(
  (q) => !q.example,
);

/** A questionnaire version as the coordinators choose it: its number, year and whether it is real. */
export function versionLabel(q: QuestionnaireDef): string {
  return q.example
    ? `第 ${q.version} 版（${q.year} 年示例，不是本镇正式问卷）`
    : `第 ${q.version} 版（${q.year} 年）`;
}

/** The label of a version number, or what a coordinator reads for one this app does not know. */
export function versionNumberLabel(version: number): string {
  const q = QUESTIONNAIRE_VERSIONS.find((v) => v.version === version);
  return q ? versionLabel(q) : `第 ${version} 版（本应用不认识，请更新应用）`;
}
