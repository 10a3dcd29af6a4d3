import type { ResidentLinkAnswer } from '@jiuting/api-contract';
import type { SurveyResponse } from '@jiuting/questionnaire';
import { type ApiClient, createApiClient, type Fetch } from '../api/client.ts';
import { isApiErrorBody } from '../api/types.ts';

// The resident page's only two calls (docs/api.md, public routes). Every answer is turned into
// one of a few outcomes a resident can act on; codes stay here and never reach the screen.

/** GET /api/public/q/:token; the open year and its version are absent from a server before years. */
export type ResidentLink = Omit<ResidentLinkAnswer, 'assessmentYear' | 'questionnaireVersion'> &
  Partial<Pick<ResidentLinkAnswer, 'assessmentYear' | 'questionnaireVersion'>>;

/** The version the link's year uses, as the server says it (either field), if it says. */
export function linkQuestionnaireVersion(link: ResidentLink): number | undefined {
  if (typeof link.questionnaireVersion === 'number') return link.questionnaireVersion;
  const version = link.questionnaire?.version;
  return typeof version === 'number' ? version : undefined;
}

export type LinkOutcome =
  | { readonly kind: 'ok'; readonly link: ResidentLink }
  | { readonly kind: 'invalidLink' }
  | { readonly kind: 'rateLimited' }
  | { readonly kind: 'unreachable' };

export type SubmitOutcome =
  | { readonly kind: 'received'; readonly repeat: boolean }
  | { readonly kind: 'invalid'; readonly issues: ReadonlyArray<{ path: string; message: string }> }
  | { readonly kind: 'invalidLink' }
  | { readonly kind: 'rateLimited' }
  | { readonly kind: 'tooLarge' }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'serverError' };

export interface ResidentApi {
  loadLink(token: string): Promise<LinkOutcome>;
  submit(token: string, response: SurveyResponse): Promise<SubmitOutcome>;
}

function isLink(body: unknown): body is ResidentLink {
  const b = body as ResidentLink | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.community?.code === 'string' &&
    typeof b.community?.name === 'string'
  );
}

export function createResidentApi(
  options: { fetch?: Fetch; baseUrl?: string; timeoutMs?: number } = {},
): ResidentApi {
  // A weak mobile connection: give up after 20 s and let the resident retry, answers kept.
  const api: ApiClient = createApiClient({ timeoutMs: 20_000, ...options });
  const path = (token: string) => `/api/public/q/${encodeURIComponent(token)}`;

  return {
    async loadLink(token) {
      const outcome = await api.send('GET', path(token));
      if (outcome.kind === 'network') return { kind: 'unreachable' };
      if (outcome.status === 200 && isLink(outcome.body)) return { kind: 'ok', link: outcome.body };
      if (outcome.status === 404) return { kind: 'invalidLink' };
      if (outcome.status === 429) return { kind: 'rateLimited' };
      return { kind: 'unreachable' };
    },

    async submit(token, response) {
      const outcome = await api.send('POST', `${path(token)}/responses`, response);
      if (outcome.kind === 'network') return { kind: 'unreachable' };
      const { status, body } = outcome;
      if (status === 200) {
        const repeat = (body as { repeat?: unknown } | undefined)?.repeat === true;
        return { kind: 'received', repeat };
      }
      const code = isApiErrorBody(body) ? body.error : '';
      // This id is stored with other answers: an earlier attempt of this same questionnaire got
      // through before the resident changed something. The household's answer is in.
      if (status === 409 && code === 'id_conflict') return { kind: 'received', repeat: false };
      if (status === 404 && code === 'qr_link_invalid') return { kind: 'invalidLink' };
      if (status === 429) return { kind: 'rateLimited' };
      if (status === 413) return { kind: 'tooLarge' };
      if (status === 400 && isApiErrorBody(body)) {
        return { kind: 'invalid', issues: body.issues ?? [{ path: '', message: body.message }] };
      }
      return { kind: 'serverError' };
    },
  };
}
