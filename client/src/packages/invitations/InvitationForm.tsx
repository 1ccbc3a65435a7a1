import { Button, Input, Text, View } from '@tarojs/components';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import {
  type CommunityDto,
  CreateInvitationBody,
  type Department,
  type InvitationDto,
  type InvitedRole,
  ROLE_LABELS,
  type StreetsResponse,
  type User,
} from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { newIdempotencyKey } from '../../services/idempotency';
import { createInvitation } from '../../services/invitations';
import { fetchStreets } from '../../services/registration';
import { ApiError, errorMessage } from '../../services/request';
import { fetchCommunities, fetchDepartments } from '../../services/requests';
import { appointableRoles, LABEL_FIELDS, placeKind } from './roles';

type Community = z.infer<typeof CommunityDto>;
type Dept = z.infer<typeof Department>;
type Street = z.infer<typeof StreetsResponse>['items'][number];

/** Where a field error shows: every part of the place by the place. */
const fieldKey = (f: string): string => (['communityId', 'gridId', 'streetId', 'departmentId'].includes(f) ? 'place' : f);

function Section({ title, error, testid, children }: { title: string; error?: string; testid: string; children: ReactNode }) {
  return (
    <View className='card' data-testid={testid}>
      <View className='title'>{title}</View>
      {children}
      {error && (
        <View className='field-error' data-testid={`error-${testid}`}>
          {error}
        </View>
      )}
    </View>
  );
}

function Chips<T extends { id: string; name: string }>({ items, selected, prefix, onPick }: { items: T[]; selected: string | null; prefix: string; onPick: (item: T) => void }) {
  return (
    <View className='row wrap' style={{ marginTop: '16px' }}>
      {items.map((x) => (
        <View key={x.id} className={`chip ${selected === x.id ? 'chip-on' : ''}`} data-testid={`${prefix}-${x.id}`} onClick={() => onPick(x)}>
          {x.name}
        </View>
      ))}
    </View>
  );
}

/**
 * 邀请新人员: the role (only those this admin may give), its place (grid, community, department or
 * street), what it looks after where the role needs words, and who is invited; 生成邀请码.
 */
export function InvitationForm({ user, onCreated }: { user: User; onCreated: (invitation: InvitationDto) => void }) {
  const roles = useMemo(() => appointableRoles(user.roles), [user.roles]);
  const isStreetAdmin = user.roles.includes('street_admin');
  const oversees = isStreetAdmin || user.roles.includes('community_admin');

  const [role, setRole] = useState<InvitedRole | null>(roles.length === 1 ? roles[0]! : null);
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [gridId, setGridId] = useState<string | null>(null);
  const [streetId, setStreetId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per invitation as written: a retry of the same one reuses it, an edited one gets a new one.
  const idempotencyKey = useMemo(newIdempotencyKey, [role, communityId, gridId, streetId, departmentId, label, name]);

  const [communities, setCommunities] = useState<Community[] | null>(null);
  const [departments, setDepartments] = useState<Dept[] | null>(null);
  const [streets, setStreets] = useState<Street[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const kind = role ? placeKind(role) : null;
  const labelField = role ? LABEL_FIELDS[role] : undefined;

  /** The places the chosen role needs, loaded once each: communities (with grids), departments, streets. */
  const loadPlaces = useCallback(async () => {
    setLoadError(null);
    try {
      if ((kind === 'grid' || kind === 'community') && !communities && oversees) {
        const { items } = await fetchCommunities();
        setCommunities(items);
        if (items.length === 1) setCommunityId(items[0]!.id); // a community admin's own community
      }
      if (kind === 'department' && !departments) setDepartments((await fetchDepartments()).items);
      if (kind === 'street' && !streets) setStreets((await fetchStreets()).items);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [kind, communities, departments, streets, oversees]);

  useEffect(() => {
    void loadPlaces();
  }, [loadPlaces]);

  /** A field's error goes once it is changed; the banner goes with the last one. */
  const clearErrors = (...keys: string[]) => {
    const next = { ...errors };
    for (const k of keys) delete next[k];
    setErrors(next);
    if (!Object.values(next).some(Boolean)) setError(null);
  };
  const chooseRole = (r: InvitedRole) => {
    setRole(r);
    clearErrors('role', 'place', 'label');
    if (placeKind(r) !== 'grid') setGridId(null);
  };
  const chooseCommunity = (c: Community) => {
    setCommunityId(c.id);
    if (gridId && !c.grids.some((g) => g.id === gridId)) setGridId(null);
    clearErrors('place');
  };
  const pickPlace = (set: (id: string) => void) => (x: { id: string }) => {
    set(x.id);
    clearErrors('place');
  };

  const community = communities?.find((c) => c.id === communityId) ?? null;
  const myStreet = streets?.find((s) => s.id === user.streetId) ?? null;

  const submit = async () => {
    const draft = {
      role: role ?? undefined,
      inviteeName: name,
      ...(kind === 'grid' && gridId ? { gridId } : {}),
      ...(kind === 'community' && communityId ? { communityId } : {}),
      ...(kind === 'department' && departmentId ? { departmentId } : {}),
      ...(kind === 'street' && streetId ? { streetId } : {}),
      ...(labelField ? { label } : {}),
    };
    // The shared schema and the place rules first, so the same Chinese messages show before any request.
    const checked = CreateInvitationBody.safeParse(draft);
    const found: Record<string, string> = {};
    for (const issue of checked.error?.issues ?? []) found[fieldKey(issue.path.join('.'))] ??= issue.message;
    if (kind === 'grid' && !gridId) found.place = communityId ? '请选择网格' : '请选择社区和网格';
    if (kind === 'community' && !communityId) found.place = '请选择社区';
    if (kind === 'department' && !departmentId) found.place = '请选择部门';
    if (kind === 'street' && !isStreetAdmin && !streetId) found.place = '请选择街道';
    if (labelField && !label.trim()) found.label = labelField.missing;
    if (!checked.success || Object.keys(found).length) {
      setErrors(found);
      setError('请按红字提示修改后再生成');
      return;
    }
    const body: CreateInvitationBody = checked.data;
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      onCreated((await createInvitation(body, idempotencyKey)).invitation);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const next: Record<string, string> = {};
        for (const f of e.fields) next[fieldKey(f.field)] ??= f.message;
        setErrors(next);
        setError('请按红字提示修改后再生成');
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid='invitation-form'>
      <Section title='1. 邀请担任' testid='role' error={errors.role}>
        <View className='row wrap' style={{ marginTop: '16px' }}>
          {roles.map((r) => (
            <View key={r} className={`chip ${role === r ? 'chip-on' : ''}`} data-testid={`role-${r}`} onClick={() => chooseRole(r)}>
              {ROLE_LABELS[r]}
            </View>
          ))}
        </View>
      </Section>

      {role && kind && (
        <Section title='2. 负责哪里' testid='place' error={errors.place}>
          {loadError && <ErrorState message={loadError} onRetry={() => void loadPlaces()} />}
          {(kind === 'grid' || kind === 'community') &&
            !loadError &&
            (communities ? (
              <View>
                <View className='muted' style={{ marginTop: '12px' }}>
                  社区
                </View>
                <Chips items={communities} selected={communityId} prefix='community' onPick={chooseCommunity} />
                {kind === 'grid' && community && (
                  <View>
                    <View className='muted' style={{ marginTop: '12px' }}>
                      网格
                    </View>
                    <Chips items={community.grids} selected={gridId} prefix='grid' onPick={pickPlace(setGridId)} />
                    {community.grids.length === 0 && <View className='muted'>这个社区还没有划分网格</View>}
                  </View>
                )}
              </View>
            ) : (
              <Loading />
            ))}
          {kind === 'department' && !loadError && (departments ? <Chips items={departments} selected={departmentId} prefix='department' onPick={pickPlace(setDepartmentId)} /> : <Loading />)}
          {kind === 'street' &&
            !loadError &&
            (!streets ? (
              <Loading />
            ) : isStreetAdmin ? (
              <View className='place-line' data-testid='place-street'>
                {myStreet ? `${myStreet.city} ${myStreet.name}` : '本街道'}
              </View>
            ) : (
              <Chips items={streets.map((s) => ({ id: s.id, name: `${s.city} ${s.name}` }))} selected={streetId} prefix='street' onPick={pickPlace(setStreetId)} />
            ))}
          {labelField && (
            <View className='field'>
              <View className='label'>{labelField.label}</View>
              <Input
                className='input'
                data-testid='invite-label'
                value={label}
                maxlength={40}
                placeholder={labelField.placeholder}
                onInput={(e) => {
                  setLabel(e.detail.value);
                  clearErrors('label');
                }}
              />
              {errors.label && (
                <View className='field-error' data-testid='error-label'>
                  {errors.label}
                </View>
              )}
            </View>
          )}
        </Section>
      )}

      <Section title={role && kind ? '3. 被邀请人' : '2. 被邀请人'} testid='invitee' error={errors.inviteeName}>
        <View className='muted'>填写真实姓名，方便在邀请记录中核对</View>
        <Input
          className='input'
          data-testid='invitee-name'
          value={name}
          maxlength={20}
          placeholder='被邀请人姓名'
          onInput={(e) => {
            setName(e.detail.value);
            clearErrors('inviteeName');
          }}
        />
      </Section>

      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='create-invitation' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        生成邀请码
      </Button>
      <View className='muted' style={{ marginTop: '16px', textAlign: 'center' }}>
        <Text>邀请码 7 天内有效，被邀请人接受后即可上岗</Text>
      </View>
    </View>
  );
}
