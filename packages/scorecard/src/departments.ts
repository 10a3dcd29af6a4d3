// The town's departments that score 附件2, named exactly as the table prints them. A name with a
// bracketed section (党群办（宣）, 平安办（信访）, 社区党群服务中心（文体）) is a scoring unit of its
// own, because the table gives it items its parent does not score; `parent` links the two so the
// server may, if the town wishes, let one account act for both.

export const DEPARTMENTS = [
  { id: 'social-work-office', name: '社工办' },
  { id: 'community-affairs-service-center', name: '社区事务受理服务中心' },
  { id: 'social-development-office', name: '社发办' },
  { id: 'community-party-service-center-culture', name: '社区党群服务中心（文体）' },
  { id: 'education-office', name: '教育办' },
  { id: 'urban-construction-center', name: '城建中心' },
  { id: 'city-operations-center', name: '城运中心' },
  { id: 'peace-office', name: '平安办' },
  { id: 'peace-office-petitions', name: '平安办（信访）', parent: 'peace-office' },
  { id: 'party-mass-office', name: '党群办' },
  { id: 'party-mass-office-publicity', name: '党群办（宣）', parent: 'party-mass-office' },
  { id: 'party-mass-service-center', name: '党群服务中心' },
  { id: 'armed-forces', name: '武装' },
  { id: 'trade-union', name: '总工会' },
  { id: 'youth-league', name: '团委' },
  { id: 'womens-federation', name: '妇联' },
  { id: 'comprehensive-management-office', name: '综管办' },
  { id: 'planning-construction-office', name: '规建办' },
  { id: 'greening-city-appearance-office', name: '绿化市容所' },
  { id: 'river-chief-office', name: '河长办' },
  { id: 'law-enforcement-squad', name: '综合执法中队' },
  { id: 'emergency-management-center', name: '应急管理中心' },
  { id: 'justice-office', name: '司法所' },
  { id: 'population-office', name: '人口办' },
  { id: 'police-station', name: '派出所' },
  { id: 'anti-fraud-center', name: '反诈中心' },
  { id: 'discipline-inspection-office', name: '纪检监察办' },
  { id: 'party-government-office', name: '党政办' },
  { id: 'finance-office', name: '财政所' },
] as const satisfies ReadonlyArray<{ id: string; name: string; parent?: string }>;

export type DepartmentId = (typeof DEPARTMENTS)[number]['id'];
export const DEPARTMENT_IDS = DEPARTMENTS.map((d) => d.id) as [DepartmentId, ...DepartmentId[]];

export interface DepartmentDef {
  readonly id: DepartmentId;
  readonly name: string;
  readonly parent?: DepartmentId;
}

const byId = new Map<string, DepartmentDef>(DEPARTMENTS.map((d) => [d.id, d]));
const byName = new Map<string, DepartmentDef>(DEPARTMENTS.map((d) => [d.name, d]));

export function isDepartmentId(id: string): id is DepartmentId {
  return byId.has(id);
}

export function departmentById(id: DepartmentId): DepartmentDef {
  const department = byId.get(id);
  if (!department) throw new RangeError(`unknown department ${id}`);
  return department;
}

/** The department a printed name stands for, or undefined for a name the table does not use. */
export function departmentByName(name: string): DepartmentDef | undefined {
  return byName.get(name);
}
