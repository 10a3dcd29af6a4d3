import { percent, TARGET_PERCENT } from './overview.ts';

/** A bar from 0 to 100% of households with the 30% line marked; green once it is crossed. */
export function CoverageBar({ ratio, meetsTarget }: { ratio: number; meetsTarget: boolean }) {
  const width = Math.min(100, Math.max(0, ratio * 100));
  return (
    <div
      className={`coverage-bar ${meetsTarget ? 'meets' : 'short'}`}
      role="img"
      aria-label={`覆盖率 ${percent(ratio)}，目标 ${TARGET_PERCENT}%`}
    >
      <div className="coverage-fill" style={{ width: `${width}%` }} />
      <div className="coverage-line" style={{ left: `${TARGET_PERCENT}%` }} />
    </div>
  );
}
