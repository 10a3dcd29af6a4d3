// 附件2, row 1, item 2: at least 20 interviews per community, mainly with these groups.

export const INTERVIEW_GROUPS = {
  poor_party_member: '困难党员',
  low_income_family: '低收入家庭',
  child_in_difficulty: '困境儿童',
  disabled_resident: '残疾居民',
  elderly_living_alone: '高龄独居老人',
  other_special: '其他特殊对象',
} as const;
export type InterviewGroup = keyof typeof INTERVIEW_GROUPS;
export const INTERVIEW_GROUP_IDS = Object.keys(INTERVIEW_GROUPS) as [
  InterviewGroup,
  ...InterviewGroup[],
];

export const INTERVIEW_METHODS = {
  group: '集中访谈',
  phone: '电话访谈',
  home: '上门访谈',
} as const;
export type InterviewMethod = keyof typeof INTERVIEW_METHODS;
export const INTERVIEW_METHOD_IDS = Object.keys(INTERVIEW_METHODS) as [
  InterviewMethod,
  ...InterviewMethod[],
];

export const INTERVIEW_TEXT_MAX_LENGTH = 1000;
