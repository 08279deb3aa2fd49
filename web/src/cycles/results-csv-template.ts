import type { SnapshotInput } from '../../../worker/cycles/snapshot-schema';

/**
 * What the CSV import screen shows before a file is chosen. Apart from results-csv.ts, which brings papaparse and
 * zod: those load when a file is picked, not with the test screen.
 */
export const CSV_TEMPLATE =
  'date,variant,metric,units,conversions,spend\n2026-03-01,control,Conversion rate,1200,36,540\n2026-03-01,b,Conversion rate,1190,45,545\n';

export type CsvProblem = { line: number; column: string; message: string };
export type ParsedResults = { rows: SnapshotInput[]; lines: number[]; problems: CsvProblem[] };
