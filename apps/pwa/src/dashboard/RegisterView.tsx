import type { RegisterImportResult as ImportAnswer, RegisterAnswer } from '@jiuting/api-contract';
import { areaOfHouseholdKey, UNASSIGNED_AREA } from '@jiuting/questionnaire';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { errorLines } from '../api/error-lines.ts';
import { TABLE_FILE_ACCEPT, type UploadedFile, uploadedFile } from '../api/table-upload.ts';
import { CommunityPicker } from './CommunityPicker.tsx';
import { DrawSample } from './DrawSample.tsx';
import { dashboardKeys } from './dashboard-keys.ts';
import { useDashboardYear } from './dashboard-year.tsx';

// The household register (户册) of one community: import the 居委会's file, see coverage by
// building, and review the responses whose address is not in it (册外).

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

function ImportRegister({ community, onDone }: { community: string; onDone: () => void }) {
  const api = useApi();
  const [file, setFile] = useState<UploadedFile | null>(null);
  const importing = useMutation({
    mutationFn: (body: { file: UploadedFile }) =>
      api.json<ImportAnswer>(
        'POST',
        `/api/communities/${encodeURIComponent(community)}/register/import`,
        body,
      ),
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) importing.mutate({ file });
  };
  return (
    <form className="import-form" onSubmit={submit}>
      <p className="muted">
        Excel（.xlsx）或 CSV（UTF-8 或
        GBK）文件，列为：小区/自然村,路,弄,号,单元,室,状态（状态可空，填“居住”“空置”或“非住宅”）。
        户册只记地址，不记姓名和电话。有任何一行出错时不导入任何内容；再次导入会按门牌更新。{' '}
        <a href="/api/register/template" download>
          下载户册模板
        </a>
      </p>
      <input
        type="file"
        accept={TABLE_FILE_ACCEPT}
        aria-label="选择户册文件"
        onChange={async (e) => {
          const chosen = e.target.files?.[0];
          setFile(chosen ? await uploadedFile(chosen) : null);
        }}
      />
      <button type="submit" disabled={file === null || importing.isPending}>
        导入户册
      </button>
      {importing.isSuccess ? (
        <p className="ok-note" role="status">
          已导入 {importing.data.households} 户（新增 {importing.data.added}，更新{' '}
          {importing.data.updated}，删除 {importing.data.removed}
          {importing.data.keptWithResponses > 0
            ? `，文件中没有但已有问卷而保留 ${importing.data.keptWithResponses} 户`
            : ''}
          ）
        </p>
      ) : null}
      {importing.isError ? (
        <ul className="warning" role="alert">
          {errorLines(importing.error, { withPaths: true }).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

/**
 * A 未分区 response (stored before areas): the coordinator picks its 小区/自然村 from the register,
 * or, in a community without one, types it (the areas its other responses name are offered).
 */
function AssignArea({
  areas,
  free = false,
  disabled,
  onAssign,
}: {
  readonly areas: readonly string[];
  readonly free?: boolean;
  readonly disabled: boolean;
  readonly onAssign: (area: string) => void;
}) {
  const [area, setArea] = useState('');
  const [listId] = useState(() => `areas-${Math.random().toString(36).slice(2)}`);
  return (
    <>
      {free ? (
        <>
          <input
            aria-label="指定小区/自然村"
            placeholder="小区或自然村"
            list={listId}
            value={area}
            maxLength={40}
            onChange={(e) => setArea(e.target.value)}
          />
          <datalist id={listId}>
            {areas.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </>
      ) : (
        <select aria-label="指定小区/自然村" value={area} onChange={(e) => setArea(e.target.value)}>
          <option value="">选择小区/自然村</option>
          {areas.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      )}{' '}
      <button
        type="button"
        disabled={disabled || area.trim() === ''}
        onClick={() => onAssign(area)}
      >
        指定小区
      </button>
    </>
  );
}

export function RegisterView() {
  const api = useApi();
  const client = useQueryClient();
  const [community, setCommunity] = useState('');
  // The grid's counted households and the 册外 list are the picked year's.
  const year = useDashboardYear();
  const register = useQuery({
    queryKey: dashboardKeys.register(community, year),
    queryFn: () =>
      api.json<RegisterAnswer>(
        'GET',
        `/api/communities/${encodeURIComponent(community)}/register${year === undefined ? '' : `?year=${year}`}`,
      ),
    enabled: community !== '',
  });
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: dashboardKeys.register(community, year) }),
      client.invalidateQueries({ queryKey: dashboardKeys.coverage() }),
      client.invalidateQueries({ queryKey: dashboardKeys.review() }),
    ]);
  const decide = useMutation({
    mutationFn: (input: { id: string; body: Record<string, string> }) =>
      api.json(
        'POST',
        `/api/communities/${encodeURIComponent(community)}/register/outside/${encodeURIComponent(input.id)}`,
        input.body,
      ),
    onSuccess: refresh,
  });
  const data = register.data;
  const areas = [...new Set(data?.buildings.map((b) => b.area) ?? [])];
  return (
    <section className="register-view">
      <CommunityPicker value={community} onChange={setCommunity} allLabel="请选择居民区" />
      {community === '' ? null : (
        <>
          <ImportRegister community={community} onDone={refresh} />
          {register.isError ? <p className="warning">{register.error.message}</p> : null}
          {data && !data.registered ? (
            <>
              <p className="warning" data-testid="no-register">
                未建户册：覆盖率按填报的总户数计算，无法核对门牌。
              </p>
              {data.unassigned.length > 0 ? (
                <>
                  <h2>未分区问卷（{data.unassigned.length}）</h2>
                  <p className="muted">
                    这些问卷在门牌分小区之前保存。请指定所在小区或自然村，同一户的问卷才能合并计数。
                  </p>
                  <ul className="outside-list" data-testid="unassigned-list">
                    {data.unassigned.map((o) => (
                      <li key={o.id}>
                        <span>{o.householdKey}</span>{' '}
                        <AssignArea
                          areas={data.answeredAreas}
                          free
                          disabled={decide.isPending}
                          onAssign={(area) =>
                            decide.mutate({ id: o.id, body: { action: 'area', area } })
                          }
                        />
                      </li>
                    ))}
                  </ul>
                  {decide.isError ? (
                    <p className="warning" role="alert">
                      {decide.error.message}
                    </p>
                  ) : null}
                </>
              ) : null}
            </>
          ) : null}
          {data?.registered ? (
            <>
              <h2>按楼覆盖</h2>
              <p data-testid="spread" className={data.spread.narrow ? 'warning' : 'muted'}>
                {percent(data.spread.buildingShare)} 的楼有已计入的问卷；问卷最多的一栋占{' '}
                {percent(data.spread.busiestShare)}
                {data.spread.narrow ? '。覆盖集中在少数楼栋，请到其他楼栋走访。' : '。'}
              </p>
              <div className="table-wrap">
                <table data-testid="register-buildings">
                  <thead>
                    <tr>
                      <th>小区/自然村</th>
                      <th>楼（门牌）</th>
                      <th>已计入 / 居住户数</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.buildings.map((b) => (
                      <tr key={`${b.area}·${b.building}`}>
                        <td>{b.area}</td>
                        <td>{b.building}</td>
                        <td>
                          {b.counted} / {b.households}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <DrawSample
                key={community}
                community={community}
                sample={data.sample ?? null}
                onDrawn={refresh}
              />
              <h2>册外问卷（{data.outside.length}）</h2>
              {data.outside.length === 0 ? (
                <p className="muted">没有门牌不在户册中的问卷。</p>
              ) : (
                <ul className="outside-list" data-testid="outside-list">
                  {data.outside.map((o) => (
                    <li key={o.id}>
                      <span>{o.householdKey}</span>{' '}
                      {areaOfHouseholdKey(o.householdKey) === UNASSIGNED_AREA ? (
                        <>
                          <span className="muted">（未分区）</span>{' '}
                          <AssignArea
                            areas={areas}
                            disabled={decide.isPending}
                            onAssign={(area) =>
                              decide.mutate({ id: o.id, body: { action: 'area', area } })
                            }
                          />{' '}
                        </>
                      ) : null}
                      <button
                        type="button"
                        disabled={decide.isPending}
                        onClick={() => decide.mutate({ id: o.id, body: { action: 'add' } })}
                      >
                        加入户册
                      </button>{' '}
                      <button
                        type="button"
                        disabled={decide.isPending}
                        onClick={() =>
                          decide.mutate({
                            id: o.id,
                            body: { action: 'invalidate', reason: '门牌不属于本居民区' },
                          })
                        }
                      >
                        标记无效
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {decide.isError ? (
                <p className="warning" role="alert">
                  {decide.error.message}
                </p>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
