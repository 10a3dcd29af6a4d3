// A survey started from the visit list or by 下一户 opens with its address (and channel) filled
// in. The values ride in sessionStorage under the new survey's id until its first draft is saved
// (then the draft is what reopens); nothing here outlives the tab.

/** The survey form's address boxes and channel (survey/survey-values.ts names them the same). */
export interface SurveyPrefill {
  readonly communityCode?: string;
  readonly area?: string;
  readonly road?: string;
  readonly lane?: string;
  readonly building?: string;
  readonly unit?: string;
  readonly room?: string;
  readonly channel?: 'door' | 'phone' | 'paper';
}

const PREFIX = 'jiuting:prefill:';

export function stashPrefill(id: string, prefill: SurveyPrefill): void {
  try {
    sessionStorage.setItem(`${PREFIX}${id}`, JSON.stringify(prefill));
  } catch {
    // Without storage the form opens empty: the canvasser types the address.
  }
}

export function prefillOf(id: string): SurveyPrefill {
  try {
    const text = sessionStorage.getItem(`${PREFIX}${id}`);
    return text ? (JSON.parse(text) as SurveyPrefill) : {};
  } catch {
    return {};
  }
}

/** What 下一户 keeps of a submitted form: the community, the building up to the unit, the channel. */
export function keptForNext(form: unknown): SurveyPrefill {
  const f = (form ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const channel =
    f.channel === 'door' || f.channel === 'phone' || f.channel === 'paper' ? f.channel : 'door';
  return {
    communityCode: text(f.communityCode),
    area: text(f.area),
    road: text(f.road),
    lane: text(f.lane),
    building: text(f.building),
    unit: text(f.unit),
    room: '',
    channel,
  };
}
