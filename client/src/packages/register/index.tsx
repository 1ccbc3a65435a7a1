import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { type PlaceDto, RegisterBody } from '@linli/shared';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ErrorState } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchMyGrid } from '../../services/auth';
import { ensurePrivacy, PRIVACY_PAGE, privacyAgreed } from '../../services/privacy';
import { ApiError, errorMessage, isApiError } from '../../services/request';
import { locatePlace, register } from '../../services/registration';
import { Field, fieldKey, leave, SHOWN } from './form';
import { PlaceMap } from './PlaceMap';
import { PlacePicker } from './PlacePicker';
import type { ChosenPlace } from './types';
import { pageClass } from '../../services/care';

const isWeapp = process.env.TARO_ENV === 'weapp';

type Mode = 'start' | 'locating' | 'located' | 'manual';
type Point = { lat: number; lng: number; datum: 'gcj02' | 'wgs84' };

/**
 * 居民登记: (1) find where I live — by the phone's location, confirmed on the grid's map, or chosen
 * street → community → grid; (2) building, unit, room; (3) name and phone; (4) submit. The server
 * answers with a new session token (the community and grid live in it), stored as after a login.
 */
export default function RegisterPage() {
  const { params } = useRouter();
  const { session, goLogin } = useSession();
  const user = session?.user ?? null;
  const [mode, setMode] = useState<Mode>('start');
  const [located, setLocated] = useState<{ place: PlaceDto; point: Point } | null>(null);
  const [chosen, setChosen] = useState<ChosenPlace | null>(null);
  const [placeNote, setPlaceNote] = useState<string | null>(null);
  const [building, setBuilding] = useState('');
  const [unit, setUnit] = useState('');
  const [room, setRoom] = useState('');
  const [name, setName] = useState(() => (user?.realName ? user.name : ''));
  const [phone, setPhone] = useState('');
  const [phoneCode, setPhoneCode] = useState<string | null>(null);
  // weapp: 使用微信绑定的手机号 works only after 隐私授权; until then it opens our popup first.
  const [phoneAllowed, setPhoneAllowed] = useState(false);
  const [phoneNote, setPhoneNote] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Sent here to add a real name (filing a request needs one): the name is asked for, not optional.
  const needName = params.need === 'name';

  // Changing an address: start from the grid already registered (the street and names come with it).
  const gridId = user?.gridId ?? null;
  useEffect(() => {
    if (!gridId) return;
    fetchMyGrid()
      .then(({ grid }) =>
        setChosen((c) => c ?? { input: { by: 'search', communityId: grid.communityId, gridId: grid.id }, streetName: grid.streetName, communityName: grid.communityName, gridName: grid.name, place: null }),
      )
      .catch(() => undefined);
  }, [gridId]);

  useEffect(() => {
    if (isWeapp) void privacyAgreed().then(setPhoneAllowed);
  }, []);

  const allowPhone = async () => {
    const ok = await ensurePrivacy('phone');
    setPhoneAllowed(ok);
    setPhoneNote(ok ? '已同意，请再点一次“使用微信绑定的手机号”' : '未同意隐私保护指引，无法获取微信绑定的手机号。您可以在下面直接输入手机号');
  };

  const locate = async () => {
    // The mini-program's getLocation speaks GCJ-02; a browser only knows WGS-84.
    const datum = process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02';
    setMode('locating');
    setPlaceNote(null);
    if (!(await ensurePrivacy('location'))) {
      setPlaceNote('您未同意隐私保护指引，无法使用定位。请手动选择住的地方');
      setMode('manual');
      return;
    }
    let point: Point;
    try {
      const res = await Taro.getLocation({ type: datum });
      point = { lat: res.latitude, lng: res.longitude, datum };
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? '';
      setPlaceNote(
        /privacy/i.test(msg)
          ? '您未同意隐私保护指引，无法使用定位。请手动选择住的地方'
          : /deny|denied|auth/i.test(msg)
            ? '您未允许使用位置，请手动选择住的地方'
            : '暂时无法获取您的位置，请手动选择住的地方',
      );
      setMode('manual');
      return;
    }
    try {
      setLocated({ place: (await locatePlace(point)).place, point });
      setMode('located');
    } catch (e) {
      if (isApiError(e) && e.code === 'place_not_covered') {
        setPlaceNote('您现在的位置不在我们服务的社区内。如果您不在家，请手动选择住的地方');
        setMode('manual');
      } else {
        setPlaceNote(errorMessage(e));
        setMode('start');
      }
    }
  };

  const confirmLocated = () => {
    if (!located) return;
    const { place, point } = located;
    setChosen({ input: { by: 'location', location: point }, streetName: place.streetName, communityName: place.communityName, gridName: place.gridName, place });
    setErrors((x) => ({ ...x, place: '' }));
    setMode('start');
  };

  const pickManually = (p: ChosenPlace) => {
    setChosen(p);
    setErrors((x) => ({ ...x, place: '' }));
    setPlaceNote(null);
    setMode('start');
  };

  const changePlace = () => {
    setChosen(null);
    setLocated(null);
    setMode('start');
  };

  const submit = async () => {
    const body = {
      place: chosen?.input,
      address: { building: building.trim(), unit: unit.trim() || undefined, room: room.trim() || undefined },
      name: name.trim() || undefined,
      phone: phoneCode ? undefined : phone.trim() || undefined,
      phoneCode: phoneCode ?? undefined,
    };
    // The shared schema checks the form first, so the same Chinese messages show before any request.
    const checked = RegisterBody.safeParse(body);
    if (!checked.success || !body.place || (needName && !body.name)) {
      const found: Record<string, string> = {};
      for (const issue of checked.error?.issues ?? []) {
        const key = fieldKey(issue.path.join('.'));
        found[key] ??= key === 'place' ? '请先找到您住的地方' : issue.message;
      }
      if (!body.place) found.place = '请先找到您住的地方';
      if (needName && !body.name) found.name = '请填写真实姓名';
      setErrors(found);
      setError('请按红字提示修改后再提交');
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await register({ ...body, place: body.place });
      await Taro.showToast({ title: '登记成功', icon: 'success' });
      leave(params.redirect);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'place_not_covered') {
        setErrors({ place: e.message });
        setError('请按红字提示修改后再提交');
      } else if (e instanceof ApiError && e.fields.length) {
        const found: Record<string, string> = {};
        const other: string[] = [];
        for (const f of e.fields) {
          const key = fieldKey(f.field);
          if (SHOWN.has(key)) found[key] ??= f.message;
          else other.push(f.message);
        }
        setErrors(found);
        setError(other.length ? other.join('；') : '请按红字提示修改后再提交');
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!session) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>请先登录</View>
          <View className='muted'>登录后登记您的住址</View>
          <Button className='btn' onClick={() => void goLogin()}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  const placeLine = chosen ? [chosen.streetName, chosen.communityName, chosen.gridName ?? '网格待社区分配'].join(' · ') : '';
  return (
    <View className={pageClass('page-lg')} data-testid='register-form'>
      {needName && (
        <View className='banner' data-testid='need-name'>
          反映问题需要您的真实姓名，请在下面第 3 步填写。
        </View>
      )}
      {user?.address && (
        <View className='banner'>
          现在登记的住址：{user.address}。修改后需要网格员重新核实。
        </View>
      )}
      <View className='card' data-testid='step-place'>
        <View className='title'>1. 找到我住的地方</View>
        {placeNote && (
          <View className='banner' style={{ marginTop: '16px' }} data-testid='place-note'>
            {placeNote}
          </View>
        )}
        {chosen && mode === 'start' && (
          <View data-testid='place-chosen'>
            <View className='place-line'>{placeLine}</View>
            <Button className='btn-plain' data-testid='place-change' onClick={changePlace}>
              重新选择
            </Button>
          </View>
        )}
        {!chosen && (mode === 'start' || mode === 'locating') && (
          <View>
            <View className='muted'>在家里使用定位最准确</View>
            <Button className='btn' data-testid='locate-me' loading={mode === 'locating'} disabled={mode === 'locating' || undefined} onClick={() => void locate()}>
              用当前位置
            </Button>
            <Button className='btn-plain' data-testid='place-manual' onClick={() => setMode('manual')}>
              手动选择
            </Button>
          </View>
        )}
        {mode === 'located' && located && (
          <View data-testid='place-located'>
            <View className='kv'>
              <Text className='muted'>街道</Text>
              <Text>{located.place.streetName}</Text>
            </View>
            <View className='kv'>
              <Text className='muted'>社区</Text>
              <Text>{located.place.communityName}</Text>
            </View>
            <View className='kv'>
              <Text className='muted'>网格</Text>
              <Text data-testid='located-grid'>{located.place.gridName ?? '待社区分配'}</Text>
            </View>
            <View style={{ marginTop: '16px' }}>
              <PlaceMap place={located.place} me={located.point.datum === 'gcj02' ? located.point : null} />
            </View>
            <Button className='btn' data-testid='place-confirm' onClick={confirmLocated}>
              确认，我住在这里
            </Button>
            <Button className='btn-plain' data-testid='place-manual' onClick={() => setMode('manual')}>
              不对，手动选择
            </Button>
          </View>
        )}
        {mode === 'manual' && (
          <View style={{ marginTop: '16px' }}>
            <PlacePicker onPick={pickManually} />
            <Button className='btn-plain' data-testid='locate-me' onClick={() => void locate()}>
              改用当前位置
            </Button>
          </View>
        )}
        {errors.place && <View className='field-error' data-testid='error-place'>{errors.place}</View>}
      </View>

      <View className='card' data-testid='step-address'>
        <View className='title'>2. 门牌地址</View>
        <Field name='address.building' label='小区和楼栋' error={errors['address.building']}>
          <Input className='input' data-testid='address-building' value={building} maxlength={40} placeholder='如：名山小区3栋' onInput={(e) => setBuilding(e.detail.value)} />
        </Field>
        <View className='row' style={{ gap: '20px', alignItems: 'flex-start' }}>
          <View style={{ flex: 1 }}>
            <Field name='address.unit' label='单元' optional error={errors['address.unit']}>
              <Input className='input' data-testid='address-unit' value={unit} maxlength={20} placeholder='如：2单元' onInput={(e) => setUnit(e.detail.value)} />
            </Field>
          </View>
          <View style={{ flex: 1 }}>
            <Field name='address.room' label='房号' optional error={errors['address.room']}>
              <Input className='input' data-testid='address-room' value={room} maxlength={20} placeholder='如：301' onInput={(e) => setRoom(e.detail.value)} />
            </Field>
          </View>
        </View>
      </View>

      <View className='card' data-testid='step-contact'>
        <View className='title'>3. 姓名和手机</View>
        <Field name='name' label='姓名' optional={!needName} hint='反映问题、预约服务时需要' error={errors.name}>
          <Input className='input' data-testid='name' value={name} maxlength={20} placeholder='请填写真实姓名' onInput={(e) => setName(e.detail.value)} />
        </Field>
        <Field name='phone' label='手机号' optional hint={user?.phoneMasked ? `已登记 ${user.phoneMasked}，不修改可不填` : '方便网格员上门核实时联系您'} error={errors.phone}>
          {phoneCode ? (
            <View className='row between' data-testid='phone-from-wechat'>
              <Text>已获取微信绑定的手机号</Text>
              <Button className='btn-inline btn-plain' onClick={() => setPhoneCode(null)}>
                改为手动输入
              </Button>
            </View>
          ) : (
            <View>
              {isWeapp && !phoneAllowed && (
                <Button className='btn-plain' data-testid='phone-wechat' onClick={() => void allowPhone()}>
                  使用微信绑定的手机号
                </Button>
              )}
              {isWeapp && phoneAllowed && (
                <Button
                  className='btn-plain'
                  openType='getPhoneNumber'
                  data-testid='phone-wechat'
                  onGetPhoneNumber={(e) => {
                    const code = e.detail.code;
                    if (code) {
                      setPhoneCode(code);
                      setPhone('');
                      setPhoneNote(null);
                    } else {
                      void Taro.showToast({ title: '未获取到手机号，可以直接输入', icon: 'none' });
                    }
                  }}
                >
                  使用微信绑定的手机号
                </Button>
              )}
              {phoneNote && (
                <View className='muted' data-testid='phone-note'>
                  {phoneNote}
                </View>
              )}
              <Input
                className='input'
                style={{ marginTop: isWeapp ? '16px' : '0' }}
                data-testid='phone'
                type='number'
                value={phone}
                maxlength={11}
                placeholder='11 位手机号'
                onInput={(e) => setPhone(e.detail.value)}
              />
            </View>
          )}
        </Field>
      </View>

      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='submit-registration' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        提交登记
      </Button>
      <View className='muted' style={{ marginTop: '16px', textAlign: 'center' }}>
        登记后网格员会核实您的住址，信息只用于社区服务
      </View>
      <View className='muted' style={{ marginTop: '8px', textAlign: 'center', textDecoration: 'underline' }} data-testid='open-privacy' onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE })}>
        《邻里隐私保护指引》
      </View>
      <PrivacyPopup />
    </View>
  );
}
