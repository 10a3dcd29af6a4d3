interface AddressBoxesProps {
  readonly building: string;
  readonly unit: string;
  readonly room: string;
  readonly householdKey: string | null;
  readonly error?: string;
  readonly onChange: (field: 'building' | 'unit' | 'room', text: string) => void;
}

// The canvassers' AddressFields is bound to react-hook-form; the resident page holds its state in
// plain React to stay small, so these are the same three boxes as controlled inputs.

/** 楼号 / 单元 / 室号, with the household key the server will count shown back. */
export function AddressBoxes(props: AddressBoxesProps) {
  const typed = props.building.trim() !== '' || props.room.trim() !== '';
  const box = (field: 'building' | 'unit' | 'room', label: string, placeholder?: string) => (
    <label>
      <span>{label}</span>
      <input
        name={field}
        value={props[field]}
        onChange={(event) => props.onChange(field, event.target.value)}
        inputMode="numeric"
        autoComplete="off"
        enterKeyHint="next"
        maxLength={20}
        placeholder={placeholder}
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
        {box('building', '楼号')}
        {box('unit', '单元', '可空')}
        {box('room', '室号')}
      </div>
      <p className="household-key" aria-live="polite">
        {props.householdKey ? (
          <>
            门牌：<strong data-testid="household-key">{props.householdKey}</strong>
          </>
        ) : typed ? (
          '无法识别门牌，请写明楼号和室号'
        ) : (
          '请填写楼号和室号，例如 12 号楼 301 室'
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
