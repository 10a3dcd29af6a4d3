import type { UseFormRegister } from 'react-hook-form';
import { FieldError } from './FieldError.tsx';
import type { SurveyFormValues } from './survey-values.ts';

interface AddressFieldsProps {
  readonly register: UseFormRegister<SurveyFormValues>;
  readonly householdKey: string | null;
  readonly typed: boolean;
  readonly error?: string;
}

/** 楼号 / 单元 / 室号, with the household key the server will count shown back. */
export function AddressFields({ register, householdKey, typed, error }: AddressFieldsProps) {
  return (
    <fieldset className={`address${error ? ' has-error' : ''}`} data-field="address">
      <legend>门牌地址</legend>
      <div className="address-boxes">
        <label>
          <span>楼号</span>
          <input
            {...register('building')}
            inputMode="numeric"
            autoComplete="off"
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
          <input {...register('room')} inputMode="numeric" autoComplete="off" enterKeyHint="next" />
        </label>
      </div>
      <p className="household-key" aria-live="polite">
        {householdKey ? (
          <>
            门牌：<strong data-testid="household-key">{householdKey}</strong>
          </>
        ) : typed ? (
          '无法识别门牌，请写明楼号和室号'
        ) : (
          '请填写楼号和室号'
        )}
      </p>
      <FieldError message={error} />
    </fieldset>
  );
}
