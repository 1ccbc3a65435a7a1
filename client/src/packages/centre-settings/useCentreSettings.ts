import Taro from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
import type { BookingDto, CentreDto } from '@linli/shared';
import { fetchCentre, fetchCentres } from '../../services/booking';
import { fetchDisplaced, updateCentre } from '../../services/centre-admin';
import { errorMessage, isApiError } from '../../services/request';
import { check, cleaned, clone, type Draft, type Errors, friendly, toDraft } from './draft';
import { useLatest } from '../../hooks/useLatest';

export type Displaced = BookingDto & { reason: string };

const CONFIRM = '保存后立即生效；不再符合的预约会列出来，需要逐个处理';
const STALE = '其他人刚刚修改并保存了这个服务中心的设置，已为您载入最新的设置。您这次的修改没有保存，请重新修改后再保存。';

/**
 * The centres one runs (one's community's; every one of the street for a street admin), the chosen
 * centre as read, the draft being edited with its problems, saving (confirmed first, at the version
 * read) and the bookings the settings no longer fit.
 */
export function useCentreSettings(wholeStreet: boolean, wanted: string | undefined) {
  const [centres, setCentres] = useState<CentreDto[] | null>(null);
  const [centre, setCentre] = useState<CentreDto | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [displaced, setDisplaced] = useState<Displaced[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Another centre chosen before one's answers came: they are not put in its form.
  const beginDisplaced = useLatest();
  const loadDisplaced = useCallback(async (id: string) => {
    const latest = beginDisplaced();
    try {
      const { items } = await fetchDisplaced(id);
      if (latest()) setDisplaced(items);
    } catch {
      if (latest()) setDisplaced(null);
    }
  }, [beginDisplaced]);

  const beginCentre = useLatest();
  const loadCentre = useCallback(
    async (id: string) => {
      const latest = beginCentre();
      setLoadError(null);
      try {
        const { centre: c } = await fetchCentre(id);
        if (!latest()) return;
        setCentre(c);
        setDraft(toDraft(c));
        setErrors({});
        void loadDisplaced(id);
      } catch (e) {
        if (latest()) setLoadError(errorMessage(e));
      }
    },
    [loadDisplaced, beginCentre],
  );

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const list = (await fetchCentres()).items.filter((c) => wholeStreet || c.mine);
      setCentres(list);
      const first = list.find((c) => c.id === wanted) ?? list[0];
      if (first) await loadCentre(first.id);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [wholeStreet, wanted, loadCentre]);

  const choose = (id: string) => {
    setCentre(null);
    setDraft(null);
    setDisplaced(null);
    setSaved(false);
    setNotice(null);
    void loadCentre(id);
  };

  /** Changes the draft in place on a fresh copy; the problems at `path` (and under it) go away. */
  const edit = useCallback((change: (d: Draft) => void, path?: string) => {
    setDraft((d) => {
      if (!d) return d;
      const next = clone(d);
      change(next);
      return next;
    });
    if (path) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([p]) => p !== path && !p.startsWith(`${path}.`))));
  }, []);

  const dirty = useMemo(() => !!centre && !!draft && JSON.stringify(cleaned(draft)) !== JSON.stringify(cleaned(toDraft(centre))), [centre, draft]);

  /** Checks, asks, saves; returns the problems found (by path) so the page can show where they are. */
  const save = async (): Promise<Errors> => {
    if (!centre || !draft) return {};
    const found = check(draft, centre.version);
    setErrors(found);
    if (Object.keys(found).length) return found;
    const { confirm } = await Taro.showModal({ title: '保存设置', content: CONFIRM, confirmText: '保存', cancelText: '再看看' });
    if (!confirm) return {};
    setBusy(true);
    setNotice(null);
    try {
      const { centre: c } = await updateCentre(centre.id, { ...cleaned(draft), version: centre.version });
      setCentre(c);
      setDraft(toDraft(c));
      setCentres((list) => list && list.map((x) => (x.id === c.id ? c : x)));
      setSaved(true);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await loadDisplaced(c.id);
      return {};
    } catch (e) {
      if (isApiError(e) && e.code === 'stale') {
        await loadCentre(centre.id);
        setNotice(STALE);
        return {};
      }
      if (isApiError(e) && e.fields.length) {
        const fromServer = Object.fromEntries(e.fields.map((f) => [f.field, friendly(f.message, f.field)]));
        setErrors(fromServer);
        return fromServer;
      }
      setNotice(errorMessage(e));
      return {};
    } finally {
      setBusy(false);
    }
  };

  return { centres, centre, draft, errors, displaced, saved, loadError, notice, busy, dirty, load, choose, edit, save, loadDisplaced };
}
