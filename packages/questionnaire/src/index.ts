export * from './channels.ts';
export * from './community.ts';
export * from './household.ts';
export * from './interview.ts';
export * from './privacy.ts';
export * from './questionnaire.ts';
export * from './schemas.ts';
export * from './scoring.ts';
