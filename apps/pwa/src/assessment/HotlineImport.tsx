import type { HotlineImportAnswer } from '@jiuting/api-contract';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import {
  TABLE_FILE_ACCEPT,
  type TableUploadBody,
  type UploadedFile,
  uploadedFile,
} from '../api/table-upload.ts';
import { useAssessmentWrite, useHotline } from './assessment-api.ts';
import { formatTime } from './labels.ts';

const HEADER = '居民区编号,今年工单数,去年工单数,满意率';

/** 城运中心's 12345 figures from a CSV: every bad line is listed, and then nothing is imported. */
export function HotlineImport({
  year,
  locked,
  communityName,
}: {
  year: number;
  locked: boolean;
  communityName: (code: string) => string;
}) {
  const hotline = useHotline(year);
  const [csv, setCsv] = useState('');
  // A chosen file is sent as its bytes (GBK and .xlsx are read by the server); typing clears it.
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const upload = useAssessmentWrite<TableUploadBody, HotlineImportAnswer>(
    'POST',
    `/api/assessment/${year}/hotline/import`,
  );
  const issues = upload.error instanceof ApiError ? (upload.error.issues ?? []) : [];
  return (
    <div className="hotline">
      <p className="muted">
        Excel（.xlsx）或 CSV（UTF-8 或 GBK）文件，第一行为表头：<code>{HEADER}</code>
        ，之后每行一个居民区（满意率如 96.5 或 96.5%）。再次导入会替换本年度的全部数据。
      </p>
      <fieldset disabled={locked}>
        <label className="field">
          <span>选择文件（.xlsx 或 CSV）</span>
          <input
            type="file"
            accept={TABLE_FILE_ACCEPT}
            onChange={async (e) => {
              const chosen = e.target.files?.[0];
              if (chosen) {
                setFile(await uploadedFile(chosen));
                setCsv('');
              }
            }}
          />
        </label>
        <label className="field">
          <span>或粘贴 CSV 内容</span>
          <textarea
            rows={5}
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              setFile(null);
            }}
            placeholder={file ? `已选择 ${file.name}` : HEADER}
          />
        </label>
        <button
          type="button"
          className="button primary"
          disabled={(file === null && csv.trim() === '') || upload.isPending}
          onClick={() =>
            upload.mutate(file ? { file } : { csv }, {
              onSuccess: (a) => setOk(`已导入 ${a.imported} 个居民区的工单数据`),
            })
          }
        >
          导入
        </button>
      </fieldset>
      {upload.error ? (
        <div className="field-error" role="alert">
          <p>{upload.error.message}</p>
          <ul>
            {issues.map((i) => (
              <li key={i.path}>
                {i.path}：{i.message}
              </li>
            ))}
          </ul>
        </div>
      ) : ok ? (
        <p className="notice" role="status">
          {ok}
        </p>
      ) : null}
      {hotline.data && hotline.data.rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>居民区</th>
                <th>今年工单</th>
                <th>去年工单</th>
                <th>满意率</th>
              </tr>
            </thead>
            <tbody>
              {hotline.data.rows.map((r) => (
                <tr key={r.communityCode}>
                  <th scope="row">{communityName(r.communityCode)}</th>
                  <td>{r.ordersThisYear}</td>
                  <td>{r.ordersLastYear}</td>
                  <td>{r.satisfactionRate}%</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">导入时间：{formatTime(hotline.data.rows[0]?.importedAt ?? '')}</p>
        </div>
      ) : null}
    </div>
  );
}
