import type { Community } from '../repositories/communities.ts';
import type { CoverageRepository } from '../repositories/coverage.ts';
import type { RegistersRepository } from '../repositories/registers.ts';
import type { VisitsRepository } from '../repositories/visits.ts';
import type { YearsRepository } from '../repositories/years.ts';
import { communityCoverage } from './coverage.ts';
import { withVisitFigures } from './visit-figures.ts';

/**
 * The communities' rows of one assessment year as GET /api/coverage and the export's 汇总 show
 * them: coverage, interviews and points, with visits and the sample beside them. The route reads
 * through the app's repositories, the export worker through its own connection's.
 */
export function coverageRows(
  repos: {
    coverage: CoverageRepository;
    registers: RegistersRepository;
    visits: VisitsRepository;
    years: YearsRepository;
  },
  communities: readonly Community[],
  year: number,
) {
  return withVisitFigures(
    communityCoverage(
      communities,
      repos.coverage.responseTotals(year),
      repos.coverage.interviewCounts(year),
      repos.registers.totals(year),
      repos.years.satisfactionRule(year),
    ),
    repos.visits.counts(year),
    repos.visits.sampleCoverage(year),
  );
}
