import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { MapImportDto } from '@linli/shared';
import { ErrorState, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { newIdempotencyKey } from '../../services/idempotency';
import { activateStreetMap, uploadStreetMap } from '../../services/map-imports';
import { ApiError, errorMessage } from '../../services/request';
import { FilePicker, type PickedFile } from './FilePicker';
import { type CsvFile, type GeoFile, problemMessage, problemPlace, readBuildingsCsv, readGeojson } from './mapFile';
import { pageClass } from '../../services/care';

type Problem = { place: string; message: string };
type Outcome = { kind: 'problems'; title: string; problems: Problem[] } | { kind: 'staged' | 'active'; imported: MapImportDto };

const countsLine = (c: MapImportDto['counts']) => `${c.communities} 个社区、${c.grids} 个网格、${c.buildings} 栋楼`;
const openInvitations = () => Taro.navigateTo({ url: '/packages/invitations/index' });

/**
 * 街道地图导入 (street admins): (1) the map file — communities and grids as GeoJSON — and, if
 * wanted, the buildings CSV, each read and counted here; (2) 上传并检查: the server checks the whole
 * file and either lists every problem (by feature or CSV line) or stages it, invisible until
 * (3) 启用新地图 (after a confirmation) switches the street's communities, grids and locating at once;
 * then 人员邀请 to appoint staff for the new grids.
 */
export default function MapImportPage() {
  const { session } = useSession();
  const streetId = session?.user.roles.includes('street_admin') ? session.user.streetId : null;
  const [geo, setGeo] = useState<GeoFile | null>(null);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [csv, setCsv] = useState<CsvFile | null>(null);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per file content: uploading the same files again (a retry, or the same files chosen again) replays the same import.
  const keys = useRef(new Map<string, string>());
  const keyFor = (content: string): string => {
    const known = keys.current.get(content);
    if (known) return known;
    const key = newIdempotencyKey();
    keys.current.set(content, key);
    return key;
  };

  if (!session) return <SignInFirst />;
  if (!streetId) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card' data-testid='map-import-denied'>
          <View className='title'>没有导入权限</View>
          <View className='muted'>只有街道工作人员可以导入本街道的地图</View>
          <Button className='btn-plain' onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </View>
      </View>
    );
  }

  /** A newly chosen file starts the check over. */
  const restart = () => {
    setOutcome(null);
    setError(null);
  };
  const pickGeo = ({ name, text }: PickedFile) => {
    restart();
    const read = readGeojson(name, text);
    if ('error' in read) {
      setGeo(null);
      setGeoError(read.error);
    } else {
      setGeo(read.file);
      setGeoError(null);
    }
  };
  const pickCsv = ({ name, text }: PickedFile) => {
    restart();
    const read = readBuildingsCsv(name, text);
    if ('error' in read) {
      setCsv(null);
      setCsvError(read.error);
    } else {
      setCsv(read.file);
      setCsvError(null);
    }
  };
  const dropCsv = () => {
    restart();
    setCsv(null);
    setCsvError(null);
  };

  const upload = async () => {
    if (!geo) return;
    setBusy(true);
    restart();
    try {
      const { import: imported } = await uploadStreetMap(streetId, { geojson: geo.geojson, ...(csv ? { buildingsCsv: csv.text } : {}) }, keyFor(`${geo.hash}/${csv?.hash ?? ''}`));
      setOutcome({ kind: imported.status === 'active' ? 'active' : 'staged', imported });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        const problems = e.fields.map((f) => ({ place: problemPlace(f.field, geo.geojson), message: problemMessage(f.message) }));
        setOutcome({ kind: 'problems', title: e.message, problems });
      } else if (e instanceof ApiError && e.status === 413) {
        setError('文件过大，服务器没有接收。请精简边界坐标（减少拐点）后重新上传');
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
    void Taro.pageScrollTo({ selector: '#map-result', duration: 200 }).catch(() => undefined);
  };

  const activate = async () => {
    if (outcome?.kind !== 'staged') return;
    const { confirm } = await Taro.showModal({
      title: '启用新地图',
      content: '启用后全街道的社区和网格将替换为新地图，确定启用？',
      confirmText: '启用',
      cancelText: '再想想',
      confirmColor: '#c8372d',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      setOutcome({ kind: 'active', imported: (await activateStreetMap(streetId, outcome.imported.id)).import });
      void Taro.showToast({ title: '已启用', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    restart();
    setGeo(null);
    setCsv(null);
    setGeoError(null);
    setCsvError(null);
  };

  const active = outcome?.kind === 'active';
  return (
    <View className={pageClass('page-lg')} data-testid='map-import-page'>
      {!active && (
        <View>
          <View className='banner'>先上传检查，检查通过后暂存；点“启用新地图”之前，居民和工作人员看到的仍是原来的地图。</View>

          <View className='card' data-testid='step-geojson'>
            <View className='title'>1. 社区和网格地图</View>
            <View className='muted'>GeoJSON 文件（.geojson 或 .json），每个社区、网格一个多边形</View>
            {geo && (
              <View data-testid='geojson-chosen'>
                <View className='place-line' data-testid='geojson-name'>
                  {geo.name}
                </View>
                <View className='kv'>
                  <Text className='muted kv-key'>社区</Text>
                  <Text data-testid='geojson-communities'>
                    {geo.communities.length} 个{geo.communities.length > 0 && `（${geo.communities.slice(0, 5).join('、')}${geo.communities.length > 5 ? ' 等' : ''}）`}
                  </Text>
                </View>
                <View className='kv'>
                  <Text className='muted kv-key'>网格</Text>
                  <Text data-testid='geojson-grids'>{geo.grids} 个</Text>
                </View>
                {geo.other > 0 && <View className='field-error'>另有 {geo.other} 个要素既不是社区也不是网格，检查时会逐个指出</View>}
              </View>
            )}
            {geoError && (
              <View className='field-error' data-testid='geojson-error'>
                {geoError}
              </View>
            )}
            <FilePicker
              label={geo ? '重新选择地图文件' : '选择地图文件'}
              testid='geojson'
              extensions={['geojson', 'json']}
              accept='.geojson,.json,application/geo+json,application/json'
              plain={!!geo}
              onPick={pickGeo}
              onError={setGeoError}
            />
          </View>

          <View className='card' data-testid='step-csv'>
            <View className='title'>
              2. 楼栋<Text className='muted'>（选填）</Text>
            </View>
            <View className='muted'>CSV 文件，每行一栋楼：编号,名称,小区,纬度,经度</View>
            {csv && (
              <View data-testid='csv-chosen'>
                <View className='place-line' data-testid='csv-name'>
                  {csv.name}
                </View>
                <View className='kv'>
                  <Text className='muted kv-key'>楼栋</Text>
                  <Text data-testid='csv-lines'>{csv.lines} 行</Text>
                </View>
              </View>
            )}
            {csvError && (
              <View className='field-error' data-testid='csv-error'>
                {csvError}
              </View>
            )}
            <FilePicker
              label={csv ? '重新选择楼栋文件' : '选择楼栋文件'}
              testid='csv'
              extensions={['csv', 'txt']}
              accept='.csv,.txt,text/csv,text/plain'
              plain
              onPick={pickCsv}
              onError={setCsvError}
            />
            {csv && (
              <Button className='btn-plain' data-testid='drop-csv' onClick={dropCsv}>
                不导入楼栋
              </Button>
            )}
          </View>

          {!outcome && (
            <View>
              {error && <ErrorState message={error} />}
              <Button className='btn' data-testid='upload-map' loading={busy} disabled={!geo || busy || undefined} onClick={() => void upload()}>
                上传并检查
              </Button>
              {!geo && (
                <View className='muted center' style={{ marginTop: '16px' }}>
                  请先选择地图文件
                </View>
              )}
            </View>
          )}
        </View>
      )}

      <View id='map-result'>
        {outcome?.kind === 'problems' && (
          <View className='card' data-testid='map-problems'>
            <View className='title' style={{ color: '#c8372d' }} data-testid='problems-title'>
              {outcome.title}
            </View>
            <View className='muted'>请按下面的提示修改文件，再重新选择并上传</View>
            {outcome.problems.map((p, i) => (
              <View key={i} className='invite-row' data-testid='map-problem'>
                <View className='resident-name' data-testid='problem-place'>
                  {i + 1}. {p.place}
                </View>
                <View data-testid='problem-message'>{p.message}</View>
              </View>
            ))}
          </View>
        )}

        {outcome?.kind === 'staged' && (
          <View className='card' data-testid='map-staged'>
            <View className='row between'>
              <Text className='title'>检查通过</Text>
              <Text className='tag tag-warn'>已暂存</Text>
            </View>
            <View className='place-line' data-testid='staged-counts'>
              已暂存：{countsLine(outcome.imported.counts)}
            </View>
            <View className='muted'>现在还没有生效。启用后，全街道的社区、网格列表和定位立即换成新地图。</View>
            {error && <ErrorState message={error} />}
            <Button className='btn' data-testid='activate-map' loading={busy} disabled={busy || undefined} onClick={() => void activate()}>
              启用新地图
            </Button>
          </View>
        )}

        {outcome?.kind === 'active' && (
          <View className='card' data-testid='map-active'>
            <View className='row between'>
              <Text className='title'>已启用</Text>
              <Text className='tag tag-open'>使用中</Text>
            </View>
            <View className='place-line' data-testid='active-counts'>
              新地图：{countsLine(outcome.imported.counts)}
            </View>
            <View className='muted'>全街道的社区和网格已换成新地图。新网格还没有网格员，请邀请人员上岗。</View>
            <Button className='btn' data-testid='open-invitations' onClick={() => void openInvitations()}>
              人员邀请
            </Button>
            <Button className='btn-plain' data-testid='import-another' onClick={startOver}>
              再导入一份地图
            </Button>
          </View>
        )}

      </View>
    </View>
  );
}
