import type { OptionTally } from './dashboard-types.ts';

/**
 * One horizontal bar per option, as wide as its share of the respondents. Plain elements and
 * CSS: a chart library would cost more bytes than this whole view, and screen readers get the
 * numbers as text.
 */
export function TallyBars({
  title,
  options,
  respondents,
  community,
}: {
  title: string;
  options: readonly OptionTally[];
  respondents: number;
  /** A community code, or '' for the whole town. */
  community: string;
}) {
  return (
    <figure className="tally">
      <figcaption>{title}</figcaption>
      <ol className="tally-bars">
        {options.map((option) => {
          const count = community ? (option.byCommunity[community] ?? 0) : option.town;
          const share = respondents > 0 ? count / respondents : 0;
          return (
            <li key={option.letter} data-testid={`tally-${option.letter}`}>
              <span className="tally-label">
                {option.letter}. {option.label}
              </span>
              <span className="tally-track">
                <span
                  className="tally-fill"
                  style={{ width: `${Math.round(share * 1000) / 10}%` }}
                />
              </span>
              <span className="tally-count">
                {count}
                <span className="muted">（{Math.round(share * 100)}%）</span>
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
