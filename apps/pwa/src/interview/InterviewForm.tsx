import {
  INTERVIEW_GROUP_IDS,
  INTERVIEW_GROUPS,
  INTERVIEW_METHOD_IDS,
  INTERVIEW_METHODS,
  INTERVIEW_TEXT_MAX_LENGTH,
  questionById,
} from '@jiuting/questionnaire';
import { useForm } from 'react-hook-form';
import type { Community } from '../api/types.ts';
import { CommunitySelect } from '../survey/CommunitySelect.tsx';
import { FieldError } from '../survey/FieldError.tsx';
import { errorAt, schemaResolver } from '../survey/form-resolver.ts';
import { SubmitFooter } from '../survey/SubmitFooter.tsx';
import { useQueueOnSubmit } from '../survey/use-queue-on-submit.ts';
import { InterviewProgressPanel } from './InterviewProgressPanel.tsx';
import { type InterviewFormValues, validateInterview } from './interview-values.ts';

export interface InterviewFormProps {
  readonly id: string;
  readonly initial: InterviewFormValues;
  readonly communities: readonly Community[];
  readonly collectedBy?: string;
  readonly onSaved: () => void;
}

const VIEW_OPTIONS = questionById('q8').options;
const TEXTS = [
  { name: 'needs', label: '居民需求' },
  { name: 'problems', label: '反映的问题' },
  { name: 'notes', label: '备注' },
] as const;

/** The interview record: no field for a name, an ID number or a phone number, by design. */
export function InterviewForm({
  id,
  initial,
  communities,
  collectedBy,
  onSaved,
}: InterviewFormProps) {
  const { register, handleSubmit, formState, watch, setValue } = useForm<InterviewFormValues>({
    defaultValues: initial,
    resolver: schemaResolver((values) => validateInterview(values, id, new Date().toISOString())),
    reValidateMode: 'onChange',
  });
  const values = watch();
  const errors = formState.errors;
  const { saveError, queue } = useQueueOnSubmit({
    id,
    kind: 'interview',
    collectedBy,
    watch,
    onSaved,
  });

  const onValid = async (valid: InterviewFormValues) => {
    const result = validateInterview(valid, id, new Date().toISOString());
    if (!result.ok) return;
    await queue(result.record, valid);
  };

  const radioGroup = (
    name: 'group' | 'method' | 'view',
    legend: string,
    options: ReadonlyArray<{ value: string; label: string }>,
  ) => (
    <fieldset className={`question${errorAt(errors, name) ? ' has-error' : ''}`}>
      <legend>{legend}</legend>
      <div className="options">
        {options.map((option) => (
          <label
            key={option.value}
            className={`option${values[name] === option.value ? ' checked' : ''}`}
          >
            <input type="radio" value={option.value} {...register(name)} />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError message={errorAt(errors, name)} />
    </fieldset>
  );

  return (
    <form className="interview-form" onSubmit={handleSubmit(onValid)} noValidate>
      <h1 className="form-title">特殊群体满意度访谈记录</h1>
      <p className="hint">请勿记录被访谈人的姓名、身份证号码或电话号码。</p>
      <CommunitySelect
        communities={communities}
        value={values.communityCode}
        error={errorAt(errors, 'communityCode')}
        onChange={(code) =>
          setValue('communityCode', code, {
            shouldDirty: true,
            shouldValidate: formState.isSubmitted,
          })
        }
      />
      {values.communityCode ? (
        <InterviewProgressPanel communityCode={values.communityCode} />
      ) : null}
      {radioGroup(
        'group',
        '访谈对象类别',
        INTERVIEW_GROUP_IDS.map((g) => ({ value: g, label: INTERVIEW_GROUPS[g] })),
      )}
      {radioGroup(
        'method',
        '访谈方式',
        INTERVIEW_METHOD_IDS.map((m) => ({ value: m, label: INTERVIEW_METHODS[m] })),
      )}
      <div className={`field${errorAt(errors, 'date') ? ' has-error' : ''}`}>
        <label>
          <span>访谈日期</span>
          <input type="date" {...register('date')} />
        </label>
        <FieldError message={errorAt(errors, 'date')} />
      </div>
      {radioGroup(
        'view',
        '对居委会工作的评价',
        VIEW_OPTIONS.map((o) => ({ value: o.letter, label: `${o.letter}. ${o.label}` })),
      )}
      {TEXTS.map(({ name, label }) => (
        <div key={name} className={`field${errorAt(errors, name) ? ' has-error' : ''}`}>
          <label>
            <span>{label}</span>
            <textarea {...register(name)} rows={3} maxLength={INTERVIEW_TEXT_MAX_LENGTH} />
          </label>
          <p className="counter">
            {values[name].length} / {INTERVIEW_TEXT_MAX_LENGTH}
          </p>
          <FieldError message={errorAt(errors, name)} />
        </div>
      ))}
      <SubmitFooter saveError={saveError} submitting={formState.isSubmitting} />
    </form>
  );
}
