import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { TEAM_ROLE_LABELS, type GridTeamMemberDto, type GridTeamResponse, type ResidentDto } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { pageClass } from '../../services/care';
import { addGridTeamMember, changeGridTeamMember, fetchGridTeam, removeGridTeamMember } from '../../services/grid-team';
import { findCommunityResidents } from '../../services/registration';
import { errorMessage } from '../../services/request';
import { fetchCategories, fetchCommunities } from '../../services/requests';
import { getSession } from '../../services/session';
import { MemberForm, type MemberDraft } from './MemberForm';
import './team.css';
import { useLatest } from '../../hooks/useLatest';

type Grid = { id: string; name: string };

/**
 * 网格团队 (community staff): pick a grid, see who covers it, add a person of the community (found
 * by name) with his team role, grids and specialties, change a member, or take him off the grid
 * (after a confirmation: he stops seeing the grid's items).
 */
export default function GridTeamPage() {
  const { session } = useSession();
  const [grids, setGrids] = useState<Grid[] | null>(null);
  const [communityId, setCommunityId] = useState('');
  const [groups, setGroups] = useState<string[]>([]);
  const [gridId, setGridId] = useState('');
  const [team, setTeam] = useState<GridTeamResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [found, setFound] = useState<ResidentDto[] | null>(null);
  const [picked, setPicked] = useState<ResidentDto | null>(null);
  const [busy, setBusy] = useState(false);

  const begin = useLatest();
  const loadTeam = useCallback(async (id: string) => {
    const latest = begin();
    setError(null);
    try {
      const fresh = await fetchGridTeam(id);
      if (latest()) setTeam(fresh);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [begin]);
  const load = useCallback(async () => {
    setError(null);
    try {
      const [{ items }, cats] = await Promise.all([fetchCommunities(), fetchCategories()]);
      const mine = items[0];
      setGroups(cats.groups.map((g) => g.group));
      setCommunityId(mine?.id ?? '');
      setGrids(mine?.grids ?? []);
      const first = gridId || mine?.grids[0]?.id || '';
      setGridId(first);
      if (first) await loadTeam(first);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [gridId, loadTeam]);
  useDidShow(() => {
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const gridName = (id: string) => grids?.find((g) => g.id === id)?.name ?? '其他网格';
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setNote(null);
    try {
      setNote({ text: await work(), ok: true });
      setEditing(null);
      setPicked(null);
      setFound(null);
      await loadTeam(gridId);
    } catch (e) {
      setNote({ text: errorMessage(e), ok: false });
    } finally {
      setBusy(false);
    }
  };
  const add = (u: ResidentDto, d: MemberDraft) =>
    run(async () => {
      await addGridTeamMember(gridId, { userId: u.userId, teamRole: d.teamRole!, specialties: d.specialties, alsoGrids: d.gridIds.filter((g) => g !== gridId) });
      return `已把${u.name}加入团队`;
    });
  const change = (m: GridTeamMemberDto, d: MemberDraft) =>
    run(async () => {
      await changeGridTeamMember(gridId, m.userId, { version: m.version, teamRole: d.teamRole!, specialties: d.specialties, gridIds: d.gridIds });
      return `已保存${m.name}的修改`;
    });
  const remove = async (m: GridTeamMemberDto) => {
    const { confirm } = await Taro.showModal({
      title: '移出网格团队',
      content: `把${m.name}移出${gridName(gridId)}的团队？移出后他不再看到本网格的待办。`,
      confirmText: '移出',
      cancelText: '不移出',
    });
    if (confirm) await run(async () => (await removeGridTeamMember(gridId, m.userId), `已把${m.name}移出本网格团队`));
  };
  const beginSearch = useLatest();
  const search = async () => {
    const latest = beginSearch(); // a search for the name typed before is not shown for this one
    setNote(null);
    if (!name.trim()) return setNote({ text: '请先输入要查找的姓名', ok: false });
    try {
      const { items } = await findCommunityResidents(communityId, name.trim());
      if (latest()) setFound(items);
    } catch (e) {
      if (latest()) setNote({ text: errorMessage(e), ok: false });
    }
  };

  if (!session) return <SignInFirst />;
  const draftOf = (m: GridTeamMemberDto): MemberDraft => ({ teamRole: m.teamRole, specialties: m.specialties, gridIds: m.gridIds });
  return (
    <View className={pageClass('page-lg')} data-testid='grid-team-page'>
      {grids && (
        <View className='gt-chips'>
          {grids.map((g) => (
            <View key={g.id} className={`chip ${g.id === gridId ? 'chip-on' : ''}`} data-testid={`pick-${g.id}`} onClick={() => (setGridId(g.id), setEditing(null), void loadTeam(g.id))}>
              {g.name}
            </View>
          ))}
        </View>
      )}
      {note && (
        <View className={note.ok ? 'gt-note' : 'gt-problem'} data-testid='team-note'>
          {note.text}
        </View>
      )}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !team && <Loading />}
      {team && team.members.length === 0 && <Empty text='本网格还没有团队成员' />}
      {team && team.members.length > 0 && (
        <View className='card' data-testid='grid-team-list'>
          {team.members.map((m) => (
            <View key={m.userId} className='gt-member' data-testid='grid-team-member'>
              <View className='gt-member-name'>
                {m.name}
                <Text className='tag tag-open' style={{ marginLeft: '16px' }}>
                  {TEAM_ROLE_LABELS[m.teamRole]}
                </Text>
              </View>
              <View className='gt-line'>
                <Text className='gt-key'>负责：</Text>
                {m.gridIds.map(gridName).join('、')}
              </View>
              <View className='gt-line'>
                <Text className='gt-key'>专长：</Text>
                {m.specialties.length ? m.specialties.join('、') : '全部事项'}
              </View>
              {editing === m.userId ? (
                <MemberForm initial={draftOf(m)} groups={groups} grids={grids ?? []} gridId={gridId} submitText='保存' busy={busy} onSubmit={(d) => void change(m, d)} onCancel={() => setEditing(null)} />
              ) : (
                <View className='gt-actions'>
                  <Button className='btn-plain' data-testid='member-edit' onClick={() => setEditing(m.userId)}>
                    修改
                  </Button>
                  <Button className='btn-danger' data-testid='member-remove' disabled={busy || undefined} onClick={() => void remove(m)}>
                    移出
                  </Button>
                </View>
              )}
            </View>
          ))}
        </View>
      )}
      {team && (
        <View className='card' data-testid='member-add'>
          <View className='gt-title'>加入团队成员</View>
          <View className='muted'>按姓名查找本社区已登记的人员</View>
          <Input className='gt-input' data-testid='member-name' value={name} placeholder='输入姓名的前几个字' onInput={(e) => setName(e.detail.value)} />
          <Button className='btn-plain' data-testid='member-search' onClick={() => void search()}>
            查找
          </Button>
          {found && found.length === 0 && <View className='muted'>没有找到此人，请确认他已在本社区登记</View>}
          {!picked &&
            found?.map((u) => (
              <View key={u.userId} className='gt-row' data-testid='member-found'>
                <Text className='gt-member-name'>{u.name}</Text>
                <Button className='btn-plain btn-inline' onClick={() => setPicked(u)}>
                  选择
                </Button>
              </View>
            ))}
          {picked && (
            <>
              <View className='gt-line'>{`加入：${picked.name}`}</View>
              <MemberForm
                initial={{ teamRole: null, specialties: [], gridIds: [gridId] }}
                groups={groups}
                grids={grids ?? []}
                gridId={gridId}
                submitText='加入团队'
                busy={busy}
                onSubmit={(d) => void add(picked, d)}
                onCancel={() => setPicked(null)}
              />
            </>
          )}
        </View>
      )}
    </View>
  );
}
