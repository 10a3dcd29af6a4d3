import type { Db } from '../db/open.ts';
import { communitiesRepository } from '../repositories/communities.ts';
import { coverageRepository } from '../repositories/coverage.ts';
import { registersRepository } from '../repositories/registers.ts';
import { reportsRepository } from '../repositories/reports.ts';
import { visitsRepository } from '../repositories/visits.ts';
import { coverageRows } from '../services/coverage-rows.ts';
import type { AssessmentExportData } from './types.ts';

/**
 * What the files hold: counted responses, valid interviews and the per-community figures of
 * /api/coverage. The responses are read as the files are written (see countedResponsesStream):
 * the caller holds one read transaction around reading and writing, so the summary and the
 * detail sheets see one moment.
 */
export function readExportData(
  db: Db,
  year: number,
): AssessmentExportData & { responseCount: number } {
  const communities = communitiesRepository(db);
  const coverage = coverageRepository(db);
  const reports = reportsRepository(db);
  const registers = registersRepository(db);
  const visits = visitsRepository(db);
  return {
    communities: coverageRows({ coverage, registers, visits }, communities.list(), year),
    responses: reports.countedResponsesStream(year),
    responseCount: reports.countCountedResponses(year),
    interviews: reports.validInterviews(year),
    registerCheck: registers.checkRows(year),
    visits: visits.exportLines(year),
  };
}
