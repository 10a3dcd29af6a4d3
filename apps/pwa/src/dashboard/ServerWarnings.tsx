import { useServerHealth } from '../api/server-health.ts';

/** What the server's health report says needs the office's attention (disk, backups, address). */
export function ServerWarnings() {
  const health = useServerHealth();
  const warnings = health.data?.warnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <section className="server-warnings" role="alert" aria-label="服务器提醒">
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </section>
  );
}
