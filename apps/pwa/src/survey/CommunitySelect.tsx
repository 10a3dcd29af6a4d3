import type { Community } from '../api/types.ts';
import { FieldError } from './FieldError.tsx';

interface CommunitySelectProps {
  readonly communities: readonly Community[];
  readonly value: string;
  readonly error?: string;
  readonly onChange: (code: string) => void;
}

/** The community a record belongs to; a canvasser with one community never has to choose. */
export function CommunitySelect({ communities, value, error, onChange }: CommunitySelectProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label>
        <span>居民区</span>
        <select value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">请选择</option>
          {communities.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <FieldError message={error} />
    </div>
  );
}
