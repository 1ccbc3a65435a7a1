import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RequestDetail, StaffActionBody } from '@linli/shared';
import { ApiError, errorMessage } from '../../services/request';
import { staffAction } from '../../services/requests';
import type { Confirmation } from './wording';

/** A staff action without the item version, which `act` adds. */
export type StaffAction = Record<string, unknown> & { action: StaffActionBody['action'] };

/**
 * One action form on the item: its text and photos, whether an action is running, and the first
 * problem to show by the form (a field the API named, or why a step was refused). A successful
 * action hands the updated item to `onChange` and clears the form. A step refused with 403 or 409
 * reads the item again (`onRefused`): if it moved on, the page says so on top; otherwise the refusal
 * shows here. Problems are shown on the page, never in a second dialog (on H5 a dialog right after
 * the confirmation may not show).
 */
export function useActionForm(
  request: RequestDetail,
  onChange: (r: RequestDetail) => void,
  onRefused: (seen: RequestDetail) => Promise<boolean>,
) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);

  const run = async (what: () => Promise<{ request: RequestDetail }>) => {
    setBusy(true);
    setFieldError(null);
    const seen = request;
    try {
      onChange((await what()).request);
      setText('');
      setPhotos([]);
      setPickerKey((k) => k + 1);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setFieldError(e.fields[0]!.message);
      else if (e instanceof ApiError && (e.status === 403 || e.status === 409)) {
        if (!(await onRefused(seen))) setFieldError(e.message);
      } else setFieldError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const act = (body: StaffAction) => run(() => staffAction(request.id, { ...body, version: request.version } as StaffActionBody));

  /**
   * Asks first (what will happen, in words), then runs `go`; cancelling sends nothing. With `needs`,
   * the text must say it first (a reason): asked for by the form, before any dialog.
   */
  const confirmThen = async (ask: Confirmation, go: () => Promise<void>, needs?: string) => {
    setFieldError(null);
    if (needs && text.trim().length < 2) {
      setFieldError(`请先在上面写明${needs}（至少 2 个字）`);
      return;
    }
    const { confirm } = await Taro.showModal({ title: ask.title, content: ask.content, confirmText: ask.confirmText, cancelText: '取消' });
    if (confirm) await go();
  };

  return { text, setText, photos, setPhotos, pickerKey, busy, fieldError, run, act, confirmThen };
}

export type ActionForm = ReturnType<typeof useActionForm>;
