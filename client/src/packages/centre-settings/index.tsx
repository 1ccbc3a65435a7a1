import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { Role } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { BasicSection } from './BasicSection';
import { type Errors, SECTIONS, type Section, sectionOf } from './draft';
import { ExceptionsSection } from './ExceptionsSection';
import { DisplacedList, ErrorSummary, Warnings } from './Notices';
import { OfferingsSection } from './OfferingsSection';
import { PolicySection } from './PolicySection';
import { RoomsSection } from './RoomsSection';
import { RulesSection } from './RulesSection';
import { useCentreSettings } from './useCentreSettings';
import './index.css';
import { pageClass } from '../../services/care';

/** Who edits a centre's settings (the server narrows them to their community, or the street). */
const ADMINS: readonly Role[] = ['service_staff', 'community_admin', 'street_admin'];

const top = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });

/**
 * 服务中心设置 (centre staff, community and street admins): the roster warnings first, then one
 * section at a time — basic information, weekly opening blocks, dates that differ, rooms,
 * offerings and booking rules — every problem next to its field and listed in words; saving is
 * confirmed, takes effect at once, and lists the bookings that no longer fit to move or cancel.
 */
export default function CentreSettingsPage() {
  const { params } = useRouter();
  const { session, goLogin } = useSession();
  const roles = session?.user.roles ?? [];
  const allowed = roles.some((r) => ADMINS.includes(r));
  const s = useCentreSettings(roles.includes('street_admin'), params.centreId);
  const [section, setSection] = useState<Section>('basic');
  const { load, centre, loadDisplaced } = s;

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);
  // Back from a displaced booking's page (moved or cancelled): list them again.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && centre) void loadDisplaced(centre.id);
    shown.current = true;
  });

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有设置权限' : '请先登录'}</View>
          {session && <View className='muted'>服务中心工作人员和社区、街道管理员可以修改服务中心设置</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }
  if (s.loadError && !s.draft) return <View className={pageClass('page-lg')}><ErrorState message={s.loadError} onRetry={() => void load()} /></View>;
  if (s.centres && s.centres.length === 0) return <View className={pageClass('page-lg')}><Empty text='还没有开通预约的服务中心' /></View>;
  if (!s.centres || !s.centre || !s.draft) return <View className={pageClass('page-lg')}><Loading /></View>;

  const go = (to: Section) => {
    setSection(to);
    top();
  };
  const save = async () => {
    const found: Errors = await s.save();
    const first = Object.keys(found)[0];
    if (first) {
      setSection(sectionOf(first));
      top();
    }
  };
  const count = (key: Section) => Object.keys(s.errors).filter((p) => sectionOf(p) === key).length;
  const props = { draft: s.draft, errors: s.errors, edit: s.edit };
  return (
    <View className={pageClass('page-lg cs-page')} data-testid='centre-settings'>
      <View className='card'>
        <View className='title' data-testid='settings-centre'>
          {s.centre.name}
        </View>
        <View className='muted'>{s.centre.communityName}</View>
        {s.centres.length > 1 && (
          <View className='row wrap' style={{ marginTop: '16px' }} data-testid='settings-centres'>
            {s.centres.map((c) => (
              <View key={c.id} className={`chip ${c.id === s.centre!.id ? 'chip-on' : ''}`} data-testid={`settings-centre-${c.id}`} onClick={() => s.choose(c.id)}>
                {c.name}
              </View>
            ))}
          </View>
        )}
      </View>
      <Warnings warnings={s.centre.warnings} />
      {s.notice && (
        <View className='banner' data-testid='settings-notice' role='alert'>
          {s.notice}
        </View>
      )}
      {s.displaced && (s.saved || s.displaced.length > 0) && <DisplacedList items={s.displaced} />}
      <View className='row wrap cs-sections' data-testid='settings-sections'>
        {SECTIONS.map((x) => (
          <View key={x.key} className={`chip ${x.key === section ? 'chip-on' : ''} ${count(x.key) ? 'cs-chip-bad' : ''}`} data-testid={`section-${x.key}`} onClick={() => go(x.key)}>
            {x.label}
            {count(x.key) ? `（${count(x.key)} 处）` : ''}
          </View>
        ))}
      </View>
      <ErrorSummary errors={s.errors} draft={s.draft} onGo={go} />
      {section === 'basic' && <BasicSection {...props} />}
      {section === 'rules' && <RulesSection {...props} />}
      {section === 'exceptions' && <ExceptionsSection {...props} />}
      {section === 'rooms' && <RoomsSection {...props} />}
      {section === 'offerings' && <OfferingsSection {...props} />}
      {section === 'policy' && <PolicySection {...props} />}
      <View className='cs-savebar'>
        <View className='cs-dirty' data-testid='settings-dirty'>
          {s.dirty ? '有修改还没有保存' : '没有未保存的修改'}
        </View>
        <Button className='btn cs-save' data-testid='settings-save' loading={s.busy} disabled={s.busy || !s.dirty || undefined} onClick={() => void save()}>
          保存设置
        </Button>
      </View>
    </View>
  );
}
