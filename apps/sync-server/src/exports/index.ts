// The assessment export: plain data in, .xlsx or CSV out. The route fills AssessmentExportData
// from the repositories (counted records only) and audits the export; nothing here reads the
// database or the clock.
export { buildCsv } from './csv.ts';
export { contentDisposition, exportFileName } from './file-names.ts';
export { type SuggestionTallies, tallySuggestions } from './tallies.ts';
export {
  type AssessmentExportData,
  type CommunitySummaryRow,
  type CommunityType,
  type InterviewRow,
  type ResponseDetailRow,
  SHEET_NAMES,
  type SheetName,
} from './types.ts';
export { buildAssessmentWorkbook } from './workbook.ts';
