// `npm run retention` (dry run) and `npm run retention -- --apply`: the retention rule of
// services/retention.ts for the IT office, against the live database while the server runs.
// The dry run lists, per locked year, when its raw answers fall due and how many would go, and
// which backups would be pruned; --apply deletes what is due (audited, actor: none = the IT
// office's script), takes a checked backup and prunes the older ones. Exits 1 with one line on
// failure.
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';
import { applyRetention, type RetentionPlan, retentionPlan } from '../src/services/retention.ts';
import { describeStartupFailure } from '../src/startup-errors.ts';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function print(plan: RetentionPlan): void {
  console.log(
    `保存期限：锁定后 ${plan.retentionYears} 年（RETENTION_YEARS）。检查时间：${plan.checkedAt}`,
  );
  if (plan.years.length === 0) console.log('还没有任何考核年度。');
  for (const y of plan.years) {
    const status = y.rawDeletedAt
      ? `原始数据已于 ${day(y.rawDeletedAt)} 删除`
      : y.state === 'open'
        ? '未锁定，不删除'
        : y.due
          ? `已到期（${day(y.dueAt)}）：将删除问卷 ${y.responses} 份、访谈文字 ${y.interviewsWithText} 条`
          : `${day(y.dueAt)} 到期；届时删除问卷 ${y.responses} 份、访谈文字 ${y.interviewsWithText} 条`;
    console.log(`  ${y.year} 年度：${status}`);
  }
  if (plan.backups.length > 0) {
    console.log(`将同时删除此前的备份 ${plan.backups.length} 份：${plan.backups.join('、')}`);
  }
}

try {
  const config = loadConfig(process.env);
  if (!existsSync(config.dbPath)) {
    console.error(`没有找到数据库：${config.dbPath}（请设置 DATA_DIR）`);
    process.exit(1);
  }
  const apply = process.argv.includes('--apply');
  const db = openDatabase(config.dbPath);
  try {
    const options = {
      retentionYears: config.retentionYears,
      now: new Date(),
      backupDir: config.backup.dir,
      backupCopyDir: config.backup.copyDir,
    };
    if (!apply) {
      print(retentionPlan(db, options));
      console.log('这是预演，没有删除任何内容。确认后运行：npm run retention -- --apply');
    } else {
      const result = await applyRetention(db, { ...options, actorUserId: null });
      if (result.deleted.length === 0) {
        console.log('没有到期的年度，未删除任何内容。');
      } else {
        for (const d of result.deleted) {
          console.log(
            `${d.year} 年度：已删除问卷 ${d.responses} 份、访谈文字 ${d.interviews} 条（已记入审计日志）`,
          );
        }
        console.log(
          `新备份（已校验）：${result.backup}；删除此前的备份 ${result.backups.length} 份`,
        );
      }
    }
  } finally {
    db.close();
  }
} catch (err) {
  const failure = describeStartupFailure(err);
  console.error(`保存期限处理失败：${failure.line.replace(/^服务器无法启动：/, '')}`);
  process.exit(1);
}
