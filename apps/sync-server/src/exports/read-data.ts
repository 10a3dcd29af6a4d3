import type { Db } from '../db/open.ts';
import { communitiesRepository } from '../repositories/communities.ts';
import { coverageRepository } from '../repositories/coverage.ts';
import { registersRepository } from '../repositories/registers.ts';
import { reportsRepository } from '../repositories/reports.ts';
import { visitsRepository } from '../repositories/visits.ts';
import { yearsRepository } from '../repositories/years.ts';
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
  // Read when a sheet asks for them, still inside the caller's read transaction: a CSV of one
  // sheet does not read the others (户册核对's lines alone scan every response).
  const registerCheck = once(() => registers.checkRows(year));
  const visitLines = once(() => visits.exportLines(year));
  return {
    communities: coverageRows(
      { coverage, registers, visits, years: yearsRepository(db) },
      communities.list(),
      year,
    ),
    responses: reports.countedResponsesStream(year),
    responseCount: reports.countCountedResponses(year),
    interviews: reports.validInterviews(year),
    get registerCheck() {
      return registerCheck();
    },
    get visits() {
      return visitLines();
    },
  };
}

function once<T>(read: () => T): () => T {
  let value: { readonly read: T } | undefined;
  return () => {
    value ??= { read: read() };
    return value.read;
  };
}
