import type { UseFormRegister } from 'react-hook-form';
import { FieldError } from './FieldError.tsx';
import type { SurveyFormValues } from './survey-values.ts';

interface AddressFieldsProps {
  readonly register: UseFormRegister<SurveyFormValues>;
  readonly householdKey: string | null;
  readonly typed: boolean;
  readonly error?: string;
  /** The community's 小区 and 自然村, offered while typing the area. */
  readonly areas?: readonly string[];
}

// 号 takes text (`3组`, `25甲`, `A座`); 弄, 单元 and 室 are numbers, so they get the number keypad.

/** 小区/自然村, 路, 弄, 号, 单元, 室, with the household key the server will count shown back. */
export function AddressFields({ register, householdKey, typed, error, areas }: AddressFieldsProps) {
  return (
    <fieldset className={`address${error ? ' has-error' : ''}`} data-field="address">
      <legend>门牌地址</legend>
      <div className="address-boxes">
        <label className="wide">
          <span>小区/自然村</span>
          <input
            {...register('area')}
            list="household-areas"
            autoComplete="off"
            enterKeyHint="next"
            placeholder="如 九亭小区"
          />
          <datalist id="household-areas">
            {(areas ?? []).map((area) => (
              <option key={area} value={area} />
            ))}
          </datalist>
        </label>
        <label>
          <span>路</span>
          <input {...register('road')} autoComplete="off" placeholder="可空" enterKeyHint="next" />
        </label>
        <label>
          <span>弄</span>
          <input
            {...register('lane')}
            inputMode="numeric"
            autoComplete="off"
            placeholder="可空"
            enterKeyHint="next"
          />
        </label>
      </div>
      <div className="address-boxes">
        <label>
          <span>楼号</span>
          <input
            {...register('building')}
            autoComplete="off"
            placeholder="或门牌号"
            enterKeyHint="next"
          />
        </label>
        <label>
          <span>单元</span>
          <input
            {...register('unit')}
            inputMode="numeric"
            autoComplete="off"
            placeholder="可空"
            enterKeyHint="next"
          />
        </label>
        <label>
          <span>室号</span>
          <input
            {...register('room')}
            inputMode="numeric"
            autoComplete="off"
            placeholder="独户可空"
            enterKeyHint="next"
          />
        </label>
      </div>
      <p className="household-key" aria-live="polite">
        {householdKey ? (
          <>
            门牌：<strong data-testid="household-key">{householdKey}</strong>
          </>
        ) : typed ? (
          '无法识别门牌，请写明号（楼号或门牌号），楼房请写室号'
        ) : (
          '请填写门牌，例如 100 弄 12 号 301 室，或 3 组 25 号'
        )}
      </p>
      <FieldError message={error} />
    </fieldset>
  );
}
