import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { HotlineImportJob } from '@linli/shared';
import { useSession } from '../../hooks/useSession';
import { pageClass } from '../../services/care';
import { getHotlineImport, startHotlineImport, uploadTicketFile } from '../../services/hotline';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage } from '../../services/request';
import { FilePicker, type PickedFile } from '../map-import/FilePicker';
import { SignInFirst } from '../../components/StateView';

const POLL_MS = 3000;
const STATUS: Record<HotlineImportJob['status'], string> = { queued: '排队中', running: '导入中', done: '已完成', failed: '无法导入' };
/** Rows in a file: non-empty lines, less a CSV's header (quoted line breaks make it an estimate). */
const rowsOf = (f: PickedFile) => f.text.split(/\r?\n/).filter((l) => l.trim()).length - (/\.csv$/i.test(f.name) ? 1 : 0);

/**
 * 12345工单文件导入 (street and community admins): choose a file of tickets (CSV with a header row,
 * or JSON lines), 开始导入 after a confirmation; the file is uploaded, imported in the background,
 * and the page shows the progress until the report: imported, duplicates skipped, failed rows with
 * their row number and reason. The same file again imports nothing twice.
 */
export default function HotlineImportPage() {
  const { session } = useSession();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [job, setJob] = useState<HotlineImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(new Map<string, string>()); // one key per file content: a retried tap starts one job

  const running = job && (job.status === 'queued' || job.status === 'running');
  useEffect(() => {
    if (!running || !job) return undefined;
    const timer = setInterval(() => {
      getHotlineImport(job.id)
        .then((r) => setJob(r.job))
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, job?.id]);

  if (!session) return <SignInFirst />;
  if (!session.user.roles.some((r) => r === 'street_admin' || r === 'community_admin')) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card' data-testid='hotline-import-denied'>
          <View className='title'>没有导入权限</View>
          <View className='muted'>只有街道、社区工作人员可以导入12345工单文件</View>
        </View>
      </View>
    );
  }

  const start = async () => {
    if (!file) return;
    const { confirm } = await Taro.showModal({
      title: '确认导入？',
      content: `将导入「${file.name}」中约 ${rowsOf(file)} 张工单，分派到各网格和社区办理；已导入过的工单编号会跳过。`,
      confirmText: '导入',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      const key = keys.current.get(file.text) ?? newIdempotencyKey();
      keys.current.set(file.text, key);
      const fileKey = await uploadTicketFile(file.text, file.name);
      setJob((await startHotlineImport(fileKey, key)).job);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={pageClass('page-lg')} data-testid='hotline-import-page'>
      <View className='card'>
        <View className='title'>1. 选择工单文件</View>
        <View className='muted'>CSV（第一行为表头：工单编号、工单内容，可选 来电号码、地址、纬度、经度、事项类别、社区编号、热线时限）或 JSON Lines（每行一张工单），10 MB 以内</View>
        {file && (
          <View className='place-line' data-testid='hotline-file-name'>
            {file.name} · 约 {rowsOf(file)} 行
          </View>
        )}
        <FilePicker
          label={file ? '重新选择文件' : '选择文件'}
          testid='hotline-file'
          extensions={['csv', 'jsonl', 'txt']}
          accept='.csv,.jsonl,text/csv'
          plain={!!file}
          onPick={(f) => {
            setFile(f);
            setJob(null);
            setError(null);
          }}
          onError={setError}
        />
      </View>
      <View className='card'>
        <View className='title'>2. 导入</View>
        <Button className='btn' data-testid='hotline-import-start' disabled={!file || busy || !!running || undefined} onClick={() => void start()}>
          {busy ? '正在上传…' : '开始导入'}
        </Button>
        {error && (
          <View className='error' data-testid='hotline-import-error'>
            {error}
          </View>
        )}
      </View>
      {job && (
        <View className='card' data-testid='hotline-import-job'>
          <View className='row between'>
            <Text className='title'>导入进度</Text>
            <Text className={`tag ${job.status === 'failed' ? 'tag-warn' : job.status === 'done' ? 'tag-closed' : 'tag-open'}`} data-testid='hotline-import-status'>
              {STATUS[job.status]}
            </Text>
          </View>
          {job.error && <View className='error'>{job.error}</View>}
          <View className='kv'>
            <Text className='muted kv-key'>已处理</Text>
            <Text data-testid='hotline-import-processed'>
              {job.processed} / {job.total ?? '—'} 行
            </Text>
          </View>
          <View className='kv'>
            <Text className='muted kv-key'>新导入</Text>
            <Text data-testid='hotline-import-imported'>{job.imported} 张</Text>
          </View>
          <View className='kv'>
            <Text className='muted kv-key'>重复跳过</Text>
            <Text>{job.duplicates} 张</Text>
          </View>
          <View className='kv'>
            <Text className='muted kv-key'>失败</Text>
            <Text data-testid='hotline-import-failed'>{job.failed} 行</Text>
          </View>
          {job.failures.map((f) => (
            <View key={f.row} className='muted' data-testid='hotline-import-failure'>
              第 {f.row} 行{f.externalId ? `（${f.externalId}）` : ''}：{f.reason}
            </View>
          ))}
          {job.failed > job.failures.length && <View className='muted'>仅列出前 {job.failures.length} 行</View>}
        </View>
      )}
    </View>
  );
}
