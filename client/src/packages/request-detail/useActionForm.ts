import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RequestDetail, StaffActionBody } from '@linli/shared';
import { ApiError, errorMessage } from '../../services/request';
import { staffAction } from '../../services/requests';

/** A staff action without the item version, which `act` adds. */
export type StaffAction = Record<string, unknown> & { action: StaffActionBody['action'] };

/**
 * One action form on the item: its text and photos, whether an action is running, and the first
 * field error the API returned. A successful action hands the updated item to `onChange` and
 * clears the form; a version conflict (409) reloads the item.
 */
export function useActionForm(request: RequestDetail, onChange: (r: RequestDetail) => void, reload: () => Promise<void>) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);

  const run = async (what: () => Promise<{ request: RequestDetail }>) => {
    setBusy(true);
    setFieldError(null);
    try {
      onChange((await what()).request);
      setText('');
      setPhotos([]);
      setPickerKey((k) => k + 1);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setFieldError(e.fields[0]!.message);
      else void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      if (e instanceof ApiError && e.status === 409) void reload();
    } finally {
      setBusy(false);
    }
  };
  const act = (body: StaffAction) => run(() => staffAction(request.id, { ...body, version: request.version } as StaffActionBody));

  return { text, setText, photos, setPhotos, pickerKey, busy, fieldError, run, act };
}

export type ActionForm = ReturnType<typeof useActionForm>;
