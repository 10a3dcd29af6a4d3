import type { ResidentAddressField } from './resident-values.ts';

interface AddressBoxesProps {
  readonly area?: string;
  readonly road?: string;
  readonly lane?: string;
  readonly building: string;
  readonly unit: string;
  readonly room: string;
  readonly householdKey: string | null;
  readonly error?: string;
  readonly onChange: (field: ResidentAddressField, text: string) => void;
}

// The canvassers' AddressFields is bound to react-hook-form; the resident page holds its state in
// plain React to stay small, so these are the same boxes as controlled inputs. 号 takes text
// (`3组`, `25甲`); 弄, 单元 and 室 are numbers, so they get the number keypad.

/** 小区/自然村, 路, 弄, 号, 单元, 室, with the household key the server will count shown back. */
export function AddressBoxes(props: AddressBoxesProps) {
  const typed = props.building.trim() !== '' || props.room.trim() !== '';
  const box = (
    field: ResidentAddressField,
    label: string,
    options: { placeholder?: string; numeric?: boolean; wide?: boolean } = {},
  ) => (
    <label className={options.wide ? 'wide' : undefined}>
      <span>{label}</span>
      <input
        name={field}
        value={props[field] ?? ''}
        onChange={(event) => props.onChange(field, event.target.value)}
        inputMode={options.numeric ? 'numeric' : 'text'}
        autoComplete="off"
        enterKeyHint="next"
        maxLength={20}
        placeholder={options.placeholder}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? 'address-error' : undefined}
      />
    </label>
  );
  return (
    <fieldset
      className={`question address${props.error ? ' has-error' : ''}`}
      data-question="address"
    >
      <legend>您家的门牌地址</legend>
      <div className="address-boxes">
        {box('area', '小区/自然村', { placeholder: '如 九亭小区', wide: true })}
        {box('road', '路', { placeholder: '可空' })}
        {box('lane', '弄', { placeholder: '可空', numeric: true })}
      </div>
      <div className="address-boxes">
        {box('building', '楼号', { placeholder: '或门牌号' })}
        {box('unit', '单元', { placeholder: '可空', numeric: true })}
        {box('room', '室号', { placeholder: '独户可空', numeric: true })}
      </div>
      <p className="household-key" aria-live="polite">
        {props.householdKey ? (
          <>
            门牌：<strong data-testid="household-key">{props.householdKey}</strong>
          </>
        ) : typed ? (
          '无法识别门牌，请写明号（楼号或门牌号），楼房请写室号'
        ) : (
          '请填写门牌，例如 100 弄 12 号 301 室，或 3 组 25 号'
        )}
      </p>
      {/* Not an alert: the form announces one summary of everything left to do. */}
      {props.error ? (
        <p className="field-error" id="address-error">
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
