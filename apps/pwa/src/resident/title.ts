/**
 * The questionnaire's printed heading for a community. Community names are stored without the
 * word 居民区 in most lists but not all; either way the heading says it once.
 */
export function questionnaireHeading(communityName: string | null): string {
  const name = communityName === null ? '' : communityName.trim().replace(/居民区$/, '');
  return `九亭镇${name === '' ? '____' : name}居民区群众满意度测评问卷`;
}
