import type { Db } from '../db/open.ts';
import { communitiesRepository } from '../repositories/communities.ts';
import { coverageRepository } from '../repositories/coverage.ts';
import { registersRepository } from '../repositories/registers.ts';
import { reportsRepository } from '../repositories/reports.ts';
import { visitsRepository } from '../repositories/visits.ts';
import { communityCoverage } from '../services/coverage.ts';
import { withVisitFigures } from '../services/visit-figures.ts';
import type { AssessmentExportData } from './types.ts';

/**
 * What the files hold: counted responses, valid interviews and the per-community figures of
 * /api/coverage, read in one transaction so the summary and the detail sheets see one moment.
 */
export function readExportData(db: Db, year: number): AssessmentExportData {
  const communities = communitiesRepository(db);
  const coverage = coverageRepository(db);
  const reports = reportsRepository(db);
  const registers = registersRepository(db);
  const visits = visitsRepository(db);
  return db.transaction(() => ({
    communities: withVisitFigures(
      communityCoverage(
        communities.list(),
        coverage.responseTotals(year),
        coverage.interviewCounts(year),
        registers.totals(),
      ),
      visits.counts(),
      visits.sampleCoverage(),
    ),
    responses: reports.countedResponses(year),
    interviews: reports.validInterviews(year),
    registerCheck: registers.checkRows(),
    visits: visits.exportLines(),
  }))();
}
